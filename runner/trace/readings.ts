/**
 * The readings of a traced tree: every process's RSS at each stop, the
 * tree's sum, PSS and the RSS split at peaks, and marks. The tracer
 * (tracer.ts) tells it when a process stops, starts or ends; this file
 * decides what to read and keeps the peaks.
 */
import type { Libc } from "../../ffi/mod.ts";
import { detectKernel, type KernelInfo, onlineCpus } from "./kernel.ts";
import { RssLag } from "./lag.ts";
import { COUNT_FROM, FaultCounts } from "./faults.ts";
import { plain, Proc, subtreeAnswer, sumSubtrees } from "./process.ts";
import { PssReadings } from "./pss.ts";
import type { ProcReader } from "./procfs.ts";
import { CountsReader } from "./procfs_counts.ts";
import { nodeFs } from "./files.ts";
import { LiveWriter } from "./live.ts";
import { PeakExplainer } from "./explain.ts";
import { TimelineRecorder } from "./timeline.ts";
import { UsageReader } from "./usage.ts";
import { CONTROL, type Mark, type SubtreeAnswer, type TraceData } from "./types.ts";

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
  /** PSS at the peaks (see pss.ts). */
  private readonly pss: PssReadings;
  /** What lets a stop of a quiet tree read the stopped process alone (see faults.ts). */
  readonly faults: FaultCounts | null;
  private readonly timeline: TimelineRecorder | null;
  private readonly published: LiveWriter | null;
  /** CPU, faults, switches and I/O at exits. */
  readonly usage: UsageReader;
  /** Where the memory went at the peak, when asked (see explain.ts). */
  private readonly explainer: PeakExplainer | null;
  private readonly control: Int32Array | null;

  /**
   * `subtrees`: keep each process's subtree sums (to answer queries); `timelineRows`: record
   * every reading in a timeline of that many rows (0: none); `live`: where to publish the
   * processes with memory of their own, for the sampler thread; `libc` and `kernelRss`
   * (MEMASSERT_KERNEL_RSS): to find how far statm can be trusted on this kernel; `explain`:
   * read the largest processes' mappings at the peak; `control`: where the marks made are
   * published (CONTROL.MARKS_SEEN), for the main thread to time a test case between its marks
   * (runner/measure/measure.ts).
   */
  constructor(
    private readonly proc: ProcReader,
    o: {
      subtrees: boolean; timelineRows?: number; live?: SharedArrayBuffer | null; libc: Libc; kernelRss: string | undefined; countFaults: boolean;
      explain?: boolean; control?: Int32Array;
    },
  ) {
    this.control = o.control ?? null;
    this.subtrees = o.subtrees;
    this.timeline = o.timelineRows ? new TimelineRecorder(o.timelineRows) : null;
    this.published = o.live ? new LiveWriter(o.live) : null;
    this.kernel = detectKernel(o.libc, o.kernelRss);
    this.lag = this.kernel.rss === "exact" ? null : new RssLag(proc, new CountsReader(o.libc), this.kernel, onlineCpus());
    this.pss = new PssReadings(proc, this.subtrees);
    this.usage = new UsageReader(proc);
    this.faults = o.countFaults ? new FaultCounts(o.libc, this.lag !== null) : null;
    this.explainer = o.explain ? new PeakExplainer(proc) : null;
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

  /** Thread `tid` of `p` was just created (a new process's leader included): counted from its start. */
  created(p: Proc, tid: number): void {
    const f = this.faults;
    f?.created(tid);
    if (f?.active && !f.watch(p, tid)) f.disable(this.live);
  }

  /** A process that has ended. */
  remove(p: Proc): void {
    p.endMs = this.now();
    this.proc.close(p.fd);
    this.live.splice(this.live.indexOf(p), 1);
    this.lag?.forget(p);
    if (this.faults?.active) this.faults.readAt(p, this.faults.countOf(p));
    this.faults?.unwatch(p);
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

  /** Writes what is known of `pid`'s subtree into `dir`, for the traced process that asked. */
  answer(dir: string, pid: number): void {
    if (Number.isSafeInteger(pid) && pid > 0) nodeFs().writeFileSync(`${dir}/${pid}.json`, JSON.stringify(this.subtree(pid)));
  }

  /** Everything measured, once the tree has ended (or been given up). */
  finish(): Omit<TraceData, "rootPid" | "cancelled" | "warnings"> {
    const now = this.now();
    for (const p of this.live) p.endMs = now;
    return {
      processes: this.all.map(plain),
      treePeakRss: this.treePeakRss,
      treePeakPss: this.pss.treePeak(this.treePeakRss),
      stops: this.stops,
      wallMs: now,
      marks: this.marks,
      kernel: this.kernel,
      explanation: this.explainer?.finish() ?? null,
      timeline: this.timeline === null ? null : {
        rows: this.timeline.rows(), epochMs: performance.timeOrigin + this.t0, peakMs: this.treePeakMs,
      },
    };
  }

  /** Reads `q`'s RSS now and keeps its peaks; -1 when it is gone. */
  private readOne(q: Proc): number {
    const rss = this.lag === null ? this.proc.rss(q.fd) : this.lag.rss(q);
    q.stale = false;
    if (rss < 0) {
      q.rss = 0; // past its exit: nothing of it is resident any more
      return rss;
    }
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
    return rss;
  }

  /**
   * Reads `p` (and the processes whose last reading cannot be trusted: new, exec'd, or able to
   * grow without a fault), then whether the rest of the tree faulted since it was last read.
   */
  private fresh(p: Proc, f: FaultCounts): boolean {
    for (const q of this.live) {
      if (q !== p && !q.stale && !q.volatile) continue;
      if (q.sharing !== null) return false; // a vfork child's faults are its parent's memory
      const count = f.countOf(q);
      this.readOne(q);
      f.readAt(q, count);
    }
    return f.quiet();
  }

  /**
   * Reads the RSS of every live process (the tree's sum only drops at some
   * process's stop), then, when memory is about to drop at a new peak (of `p`,
   * or of any process when `p` sends a SIGKILL), the PSS and RSS split there.
   * Returns the tree's RSS.
   */
  stop(p: Proc, drop: Drop, exiting = false): number {
    this.stops++;
    const lag = this.lag;
    lag?.settle(this.live, this.treeMarkPeak, this.subtrees);
    const f = this.faults;
    if (f !== null && !f.active && this.live.length >= COUNT_FROM) f.start(this.live);
    let sum = 0;
    let readers = 0;
    if (f !== null && f.active && this.fresh(p, f)) {
      // Nothing else faulted since its last reading: those readings hold.
      for (const q of this.live) {
        if (q.sharing !== null || q.fd < 0 || q.rss < 0) continue;
        readers++;
        sum += q.rss;
      }
    } else {
      for (const q of this.live) {
        if (q.sharing !== null || q.fd < 0) continue;
        const count = f?.active ? f.countOf(q) : 0;
        const rss = this.readOne(q);
        if (f?.active) f.readAt(q, count);
        if (rss < 0) continue;
        readers++;
        sum += rss;
      }
    }
    // A reading is taken before the call that may lower RSS: once the call has run, `p`'s (or,
    // after a SIGKILL, anyone's) last reading may be too high, and must be taken again.
    if (drop === "self") p.stale = true;
    else if (drop === "all") for (const q of this.live) q.stale = true;
    // Past its exit stop a process lets go of its memory with no stop of its own.
    if (exiting) p.volatile = true;
    this.treeRss = sum;
    this.alone = readers === 1;
    if (sum > this.treeMarkPeak) this.treeMarkPeak = sum;
    if (sum > this.treePeakRss) {
      this.treePeakRss = sum;
      this.pss.dirty = true;
    }
    if (this.subtrees) sumSubtrees(this.live, "rss");
    if (this.timeline !== null) this.record(sum);
    if (drop === "none") return sum;
    if (sum === this.treePeakRss) this.explainer?.atPeak(this.live, sum, () => this.now());
    this.pss.atDrop(p, drop === "all" ? this.live : [p], this.live, sum, sum === this.treePeakRss, exiting, this.alone);
    return sum;
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

  /** Records a mark and starts new peaks from the current readings (at most MAX_MARKS are kept). */
  mark(p: Proc, id: number): void {
    if (this.control !== null && id < 31) Atomics.or(this.control, CONTROL.MARKS_SEEN, 1 << id);
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

  /** Fast mode: the kernel's high-water mark of `p`'s current image, read through its thread `tid`. */
  readHwm(p: Proc, tid: number): void {
    const hwm = this.proc.hwm(p.pid, tid);
    if (hwm > p.peakRss) p.peakRss = hwm;
  }
}
