/** One traced process as the tracer keeps it, and what is derived from it. */
import type { SubtreeAnswer, TracedProcess, Usage } from "./types.ts";

/** A traced process (thread group); its fields are updated at every stop. */
export class Proc implements TracedProcess {
  exitCode: number | null = null;
  signal: number | null = null;
  peakRss = 0;
  peakPss = 0;
  anon = 0;
  file = 0;
  shmem = 0;
  endMs = 0;
  images: string[][] = [];
  /** What it used besides memory, once its last thread reached its exit stop (usage.ts). */
  usage: Usage | null = null;
  /** Stops the tracer made it take: each is a voluntary context switch of its own. */
  ptraceStops = 0;
  /** RSS at the last read, and whether `peakRss` was reached since PSS was last read. */
  rss = 0;
  dirty = false;
  /** RSS and PSS when PSS was last read. */
  detailRss = 0;
  detailPss = 0;
  /** Resident file and shared memory (statm's "shared") at the last read, and when PSS was last read. */
  shared = 0;
  detailShared = -1;
  /** Whether who shares this process's anonymous pages may have changed since PSS was last read. */
  sharingChanged = true;
  /** The process whose memory this one uses until it execs (vfork). */
  sharing: Proc | null = null;
  /** Last argument of a traced brk: a lower one shrinks the heap. */
  lastBrk = 0;
  /** Threads alive, the leader included. */
  readonly tids: Set<number>;
  /** The thread whose statm `fd` is open: the leader's, until it exits before the others. */
  statmTid: number;
  /** Whether `rss` is not a reading that still holds (never read, or exec'd since). */
  stale = true;
  /** Whether it may grow without a page fault of its own (see faults.ts), so is read at every stop. */
  volatile = false;
  /** Its page-fault counters (one per thread) and their sum at its last reading (see faults.ts). */
  readonly faultFds: number[] = [];
  faults = 0;
  /** Peak RSS since this process's last mark. */
  markPeak = 0;
  /** PSS at the last reading of the whole tree's PSS. */
  pss = 0;
  /** Sums over this process and its descendants, when subtrees are followed. */
  subRss = 0;
  subRssPeak = 0;
  subPss = 0;
  subPssPeak = 0;
  constructor(
    readonly pid: number,
    readonly parent: Proc | null,
    public fd: number,
    readonly startMs: number,
  ) {
    this.tids = new Set([pid]);
    this.statmTid = pid;
  }
  /**
   * PSS now, without a page-table walk, where that is exact: since PSS was
   * last read its file and shared memory did not change, and no fork, exec or
   * child's exit changed who shares its anonymous pages, so what it gained or
   * lost since is private and counts whole. -1 when PSS must be read.
   */
  pssFromLastRead(): number {
    if (this.sharingChanged || this.detailShared !== this.shared) return -1;
    return this.detailPss + this.rss - this.detailRss;
  }

  get ppid(): number {
    return this.parent?.pid ?? 0;
  }
}

/**
 * PSS is read (a page-table walk, ~0.1 ms for a runtime's heap) at drops, exits included,
 * after RSS grew by 1/32 or 256 KiB since the last reading, and at the exit of a process
 * (or tree) never read before.
 */
export function grownEnough(peak: number, atLastRead: number): boolean {
  return peak - atLastRead >= Math.max(256 * 1024, atLastRead / 32);
}

/** PSS at an RSS peak that came after the last PSS reading: the growth since counted as private. */
export function pssAtPeak(peakPss: number, peakRss: number, detailRss: number, detailPss: number): number {
  if (detailRss === 0) return peakPss;
  return Math.max(peakPss, Math.min(peakRss, detailPss + peakRss - detailRss));
}

export function plain(p: Proc): TracedProcess {
  return {
    pid: p.pid, ppid: p.ppid, images: p.images, exitCode: p.exitCode, signal: p.signal,
    peakRss: p.peakRss, peakPss: pssAtPeak(p.peakPss, p.peakRss, p.detailRss, p.detailPss), anon: p.anon, file: p.file, shmem: p.shmem,
    startMs: p.startMs, endMs: p.endMs, usage: p.usage,
  };
}

/** Adds each live process's last reading to the sums of all its ancestors, and keeps their peaks. */
export function sumSubtrees(live: Proc[], kind: "rss" | "pss"): void {
  const touched: Proc[] = [];
  for (const q of live) {
    if (q.sharing !== null) continue;
    const value = kind === "rss" ? q.rss : q.pss;
    for (let a: Proc | null = q; a !== null; a = a.parent) {
      if (a.subRss === 0 && a.subPss === 0) touched.push(a);
      if (kind === "rss") a.subRss += value;
      else a.subPss += value;
    }
  }
  for (const a of touched) {
    if (a.subRss > a.subRssPeak) a.subRssPeak = a.subRss;
    if (a.subPss > a.subPssPeak) a.subPssPeak = a.subPss;
    a.subRss = 0;
    a.subPss = 0;
  }
}

/** What is known so far of the subtree of `pid` (nothing when it is not in the tree). */
export function subtreeAnswer(all: Proc[], pid: number, stops: number): Omit<SubtreeAnswer, "kernel"> {
  const top = all.find((q) => q.pid === pid);
  if (top === undefined) return { processes: [], treePeakRss: 0, treePeakPss: 0, stops };
  const within = (q: Proc) => {
    for (let a: Proc | null = q; a !== null; a = a.parent) if (a === top) return true;
    return false;
  };
  return { processes: all.filter(within).map(plain), treePeakRss: top.subRssPeak, treePeakPss: top.subPssPeak, stops };
}
