/**
 * The readings of a traced tree: every process's RSS at each stop, the
 * tree's sum, PSS and the RSS split at peaks, and marks. The tracer
 * (tracer.ts) tells it when a process stops, starts or ends; this file
 * decides what to read and keeps the peaks.
 */
import type { Libc } from "../../ffi/mod.ts";
import { detectKernel, type KernelInfo, onlineCpus } from "./kernel.ts";
import { RssLag } from "./lag.ts";
import { grownEnough, plain, Proc, pssAtPeak, subtreeAnswer, sumSubtrees } from "./process.ts";
import type { ProcReader } from "./procfs.ts";
import { CountsReader } from "./procfs_counts.ts";
import { LiveWriter } from "./live.ts";
import { TimelineRecorder } from "./timeline.ts";
import type { Mark, SubtreeAnswer, TraceData } from "./types.ts";

/** Marks kept for a run: a test case makes two, and one per command it measures. */
export const MAX_MARKS = 10_000;

/** Whose memory may drop at a stop: the stopped process's, every process's (a SIGKILL), or none. */
export type Drop = "self" | "all" | "none";

export class Readings {
  readonly live: Proc[] = [];
  private readonly all: Proc[] = [];
  private readonly t0 = performance.now();
  /** When the tree's RSS reached its peak (kept with a timeline). */
  private treePeakMs = 0;
  private treePeakSeen = -1;
  private treePeakRss = 0;
  private treePeakPss = 0;
  /** Tree RSS reached a new peak whose PSS is not read yet. */
  private treeDirty = false;
  /** Tree RSS and PSS when the tree's PSS was last read. */
  private treeDetailRss = 0;
  private treeDetailPss = 0;
  private stops = 0;
  /** Tree RSS at the last stop, and its peak since the last mark. */
  private treeRss = 0;
  private treeMarkPeak = 0;
  private readonly marks: Mark[] = [];
  private readonly subtrees: boolean;
  /** Whether one process alone was read at the last stop. */
  private alone = true;
  /** Where statm can be off (see kernel.ts), what settles it; null where statm is exact. */
  private readonly lag: RssLag | null;
  private readonly timeline: TimelineRecorder | null;
  private readonly published: LiveWriter | null;

  /**
   * `subtrees`: keep each process's subtree sums (to answer queries); `timelineRows`: record
   * every reading in a timeline of that many rows (0: none); `live`: where to publish the
   * processes with memory of their own, for the sampler thread; `libc` and `kernelRss`
   * (MEMASSERT_KERNEL_RSS): to find how far statm can be trusted on this kernel.
   */
  constructor(
    private readonly proc: ProcReader,
    o: { subtrees: boolean; timelineRows?: number; live?: SharedArrayBuffer | null; libc: Libc; kernelRss: string | undefined },
  ) {
    this.subtrees = o.subtrees;
    this.timeline = o.timelineRows ? new TimelineRecorder(o.timelineRows) : null;
    this.published = o.live ? new LiveWriter(o.live) : null;
    this.kernel = detectKernel(o.libc, o.kernelRss);
    this.lag = this.kernel.rss === "exact" ? null : new RssLag(proc, new CountsReader(o.libc), this.kernel, onlineCpus());
  }

  readonly kernel: KernelInfo;

  /** Milliseconds since tracing started. */
  now(): number {
    return performance.now() - this.t0;
  }

  /** A new process, its statm open as `fd`. */
  add(pid: number, parent: Proc | null, fd: number): Proc {
    const p = new Proc(pid, parent, fd, this.now());
    this.live.push(p);
    this.all.push(p);
    this.published?.add(pid);
    return p;
  }

  /** `p` now uses the memory of `owner` (vfork), or its own again (null, at exec). */
  share(p: Proc, owner: Proc | null): void {
    p.sharing = owner;
    if (owner === null) this.published?.add(p.pid);
    else this.published?.remove(p.pid);
  }

  /** A process that has ended. */
  remove(p: Proc): void {
    p.endMs = this.now();
    this.proc.close(p.fd);
    this.live.splice(this.live.indexOf(p), 1);
    this.lag?.forget(p);
    this.published?.remove(p.pid);
  }

  /**
   * Moves `p`'s statm descriptor off thread `leaving` (-1: back to the leader): once a
   * process's main thread has exited, /proc/PID/statm reads 0 while its other threads run on.
   */
  readThrough(p: Proc, leaving: number): void {
    const next = leaving === -1 ? p.pid : [...p.tids].find((t) => t !== leaving)!;
    this.proc.close(p.fd);
    p.fd = this.proc.openStatm(p.pid, next);
    p.statmTid = next;
  }

  /** What is known so far of the subtree of `pid`. */
  subtree(pid: number): SubtreeAnswer {
    return { ...subtreeAnswer(this.all, pid, this.stops), kernel: this.kernel };
  }

  /** Everything measured, once the tree has ended (or been given up). */
  finish(): Omit<TraceData, "rootPid" | "cancelled" | "warnings"> {
    const now = this.now();
    for (const p of this.live) p.endMs = now;
    return {
      processes: this.all.map(plain),
      treePeakRss: this.treePeakRss,
      treePeakPss: pssAtPeak(this.treePeakPss, this.treePeakRss, this.treeDetailRss, this.treeDetailPss),
      stops: this.stops,
      wallMs: now,
      marks: this.marks,
      kernel: this.kernel,
      timeline: this.timeline === null ? null : {
        rows: this.timeline.rows(), epochMs: performance.timeOrigin + this.t0, peakMs: this.treePeakMs,
      },
    };
  }

  /**
   * Reads the RSS of every live process (the tree's sum only drops at some
   * process's stop), then, when memory is about to drop at a new peak (of `p`,
   * or of any process when `p` sends a SIGKILL), the PSS and RSS split there.
   * Returns the tree's RSS.
   */
  stop(p: Proc, drop: Drop, exiting = false): number {
    this.stops++;
    let sum = 0;
    let readers = 0;
    const lag = this.lag;
    lag?.settle(this.live, this.treeMarkPeak, this.subtrees);
    for (const q of this.live) {
      if (q.sharing !== null || q.fd < 0) continue;
      const rss = lag === null ? this.proc.rss(q.fd) : lag.rss(q);
      if (rss < 0) continue;
      readers++;
      q.rss = rss;
      q.shared = this.proc.shared;
      if (rss > q.markPeak) q.markPeak = rss;
      if (rss > q.peakRss) {
        q.peakRss = rss;
        q.dirty = true;
        q.anon = rss - this.proc.shared;
        q.shmem = Math.min(q.shmem, this.proc.shared);
        q.file = this.proc.shared - q.shmem;
      }
      sum += rss;
    }
    this.treeRss = sum;
    this.alone = readers === 1;
    if (sum > this.treeMarkPeak) this.treeMarkPeak = sum;
    if (sum > this.treePeakRss) {
      this.treePeakRss = sum;
      this.treeDirty = true;
    }
    if (this.subtrees) sumSubtrees(this.live, "rss");
    if (this.timeline !== null) this.record(sum);
    if (drop === "none") return sum;
    // PSS only matters at a peak (RSS may have dropped since, at a stop that skipped reading it).
    if (this.treeDirty && sum === this.treePeakRss) {
      const cheap = this.alone && p.sharing === null && p.pssFromLastRead() >= 0;
      if (cheap || exiting || grownEnough(sum, this.treeDetailRss)) this.readTreePss();
    }
    if (drop === "self") this.peakDetail(p, exiting);
    else for (const q of this.live) this.peakDetail(q, exiting);
    return sum;
  }

  /**
   * PSS of `q` without a page-table walk, where that is exact (see Proc.pssFromLastRead), or
   * -1. Only for a process alone in the tree: another process sharing its pages (a forked
   * child breaking copy-on-write, a sibling touching shared memory) changes its PSS without
   * any event of its own.
   */
  private derivedPss(q: Proc): number {
    return this.alone ? q.pssFromLastRead() : -1;
  }

  /** A row of the timeline: every process just read, and the tree. */
  private record(sum: number): void {
    const ms = this.now(), t = this.timeline!;
    if (sum > this.treePeakSeen) {
      this.treePeakSeen = sum;
      this.treePeakMs = ms;
    }
    t.begin(ms);
    for (const q of this.live) if (q.sharing === null && q.fd >= 0) t.value(q.pid, q.rss);
    t.end(sum);
  }

  /** PSS at a process's new peak: derived when that is exact, else read (not at every small growth). */
  private peakDetail(q: Proc, exiting: boolean): void {
    if (!q.dirty || q.rss !== q.peakRss) return;
    const derived = this.derivedPss(q);
    if (derived >= 0) {
      if (derived > q.peakPss) q.peakPss = derived;
      q.dirty = false;
    } else if (exiting || grownEnough(q.rss, q.detailRss)) this.readDetail(q);
  }

  /** Records a mark and starts new peaks from the current readings (at most MAX_MARKS are kept). */
  mark(p: Proc, id: number): void {
    if (this.marks.length >= MAX_MARKS) return;
    // A mark starts a case's growth from this RSS: it must not be statm's low reading.
    if (this.lag?.uncertain(p)) {
      const rss = this.lag.exactNow(p);
      if (rss >= 0) p.rss = rss;
      if (p.rss > p.markPeak) p.markPeak = p.rss;
      if (p.rss > p.peakRss) p.peakRss = p.rss;
    }
    this.marks.push({
      ms: Math.round(this.now() * 1000) / 1000, pid: p.pid, id, rss: p.rss, peakRss: p.markPeak,
      treeRss: this.treeRss, treePeakRss: this.treeMarkPeak,
    });
    p.markPeak = p.rss;
    this.treeMarkPeak = this.treeRss;
    this.timeline?.boundary();
  }

  /**
   * PSS of every live process at once: the tree's PSS at one moment. Only the stopped process
   * stands still while the others are read, and a process's PSS changes when another one
   * faults in or breaks copy-on-write of pages it shares, with no stop of its own. So a tree
   * is read again until two passes agree (at most four): values that did not change between
   * their two readings were all true at the moment between the passes.
   */
  private readTreePss(): void {
    this.treeDirty = false;
    this.treeDetailRss = this.treeRss;
    const readers = this.live.filter((q) => q.sharing === null);
    let pass = readers.map((q) => {
      const derived = this.derivedPss(q);
      return derived >= 0 ? derived : q.dirty && q.rss === q.peakRss ? this.readDetail(q) : this.proc.pss(q.pid, q.statmTid);
    });
    for (let round = 1; round < 4 && readers.length > 1; round++) {
      const again = readers.map((q) => this.proc.pss(q.pid, q.statmTid));
      const same = again.every((v, i) => v === pass[i]);
      pass = again;
      if (same) break;
    }
    let sum = 0;
    readers.forEach((q, i) => {
      const pss = Math.max(pass[i], 0);
      if (pss > q.peakPss) q.peakPss = pss;
      q.pss = pss;
      sum += pss;
    });
    this.treeDetailPss = sum;
    if (sum > this.treePeakPss) this.treePeakPss = sum;
    if (this.subtrees) sumSubtrees(this.live, "pss");
  }

  /** Reads PSS and the RSS split at a peak; returns the PSS, or -1 when the process is gone. */
  private readDetail(q: Proc): number {
    q.dirty = false;
    const d = this.proc.detail(q.pid, q.statmTid);
    if (d === null) return -1;
    q.detailRss = q.rss;
    q.detailPss = d.pss;
    q.detailShared = q.shared;
    q.sharingChanged = false;
    if (d.pss > q.peakPss) q.peakPss = d.pss;
    q.anon = d.anon;
    q.file = d.file;
    q.shmem = d.shmem;
    return d.pss;
  }

  /** Fast mode: the kernel's high-water mark of `p`'s current image, read through its thread `tid`. */
  readHwm(p: Proc, tid: number): void {
    const hwm = this.proc.hwm(p.pid, tid);
    if (hwm > p.peakRss) p.peakRss = hwm;
  }
}
