/**
 * Which processes can have grown since they were last read, without reading them.
 *
 * A process's RSS only drops at its own stops, and only grows by page faults of its own
 * (or by the few calls that make memory resident without one: see `VOLATILE` in
 * seccomp.ts). So with a count of the page faults of the whole tree (one perf counter,
 * inherited by every task the tree creates) and of each process, the tracer knows at a stop
 * whether any process other than the stopped one faulted since it was last read: when the
 * tree's count equals the sum of the counts taken at each process's last reading, none did,
 * and their last readings still hold. A stop then reads the stopped process alone, whatever
 * the number of idle processes around it.
 *
 * Counting starts when the tree grows past a few processes (below that, reading every
 * process costs less than counting), and only where every growth goes through a counted
 * fault: not where the kernel may collapse any memory into huge pages on its own
 * (transparent_hugepage "always"), nor where statm lags (old kernels). The tree's counters
 * open at its first new task: a command that starts none (most single programs) opens no
 * perf event at all, a call that usually takes ~60 µs and, with other perf users on the
 * machine, can take milliseconds.
 */
import { type Libc, pageFaultCounter, PERF_FLAG_FD_CLOEXEC } from "../../ffi/mod.ts";
import { readText } from "./files.ts";
import type { Proc } from "./process.ts";

/** Live processes from which counting pays for itself. */
export const COUNT_FROM = 16;

const SINGLE = pageFaultCounter(false);
const INHERITED = pageFaultCounter(true);

/** Whether khugepaged may make any process's memory resident without a fault. */
function hugePagesAlways(): boolean {
  const sizes = "/sys/kernel/mm/transparent_hugepage";
  if (readText(`${sizes}/enabled`)?.includes("[always]")) return true;
  return readText(`${sizes}/hugepages-2048kB/enabled`)?.includes("[always]") ?? false;
}

export class FaultCounts {
  /** The root once it has exec'd (0: not followed); the tree's counters open at its first new task. */
  private root = 0;
  /**
   * The tree's counters, inherited by every task created after they opened: one on the root
   * and one on the first task it created, opened before either ran on, when those two were the
   * whole tree; every later task descends from one of them. Empty until then.
   */
  private trees: number[] = [];
  /** Sum of each process's count at its last reading (the ended ones' final counts included). */
  private known = 0;
  /** The tree's count when counting started. */
  private base = 0;
  private readonly buf = new Uint8Array(new ArrayBuffer(8));
  private readonly word = new BigUint64Array(this.buf.buffer);
  /** Counting is on: stops of a quiet tree read only the stopped process. */
  active = false;
  /** Counting can never start here (no perf events, huge pages always, lagging statm). */
  private readonly never: boolean;

  constructor(private readonly libc: Libc, lagging: boolean) {
    this.never = lagging || hugePagesAlways();
  }

  /** Called once the root has exec'd, before it runs: the tree's counters follow it from its first new task on. */
  follow(rootPid: number): void {
    if (!this.never) this.root = rootPid;
  }

  /**
   * Task `tid` was just created (a thread or a process), before it or its creator ran on. At
   * the first one, the root and `tid` are the whole tree: the tree's counters open on both.
   */
  created(tid: number): void {
    if (this.root === 0 || this.trees.length > 0) return;
    const root = this.libc.perfEventOpen(INHERITED, this.root, PERF_FLAG_FD_CLOEXEC);
    const first = root < 0 ? -1 : this.libc.perfEventOpen(INHERITED, tid, PERF_FLAG_FD_CLOEXEC);
    if (first >= 0) this.trees = [root, first];
    else if (root >= 0) this.libc.close(root);
    this.root = 0;
  }

  /** Starts counting (when `live` grew past COUNT_FROM): a counter on every thread. Returns false when it cannot. */
  start(live: Proc[]): boolean {
    if (this.trees.length === 0 || this.active) return this.active;
    for (const p of live) for (const tid of p.tids) if (!this.watch(p, tid)) return this.disable(live);
    this.base = this.treeCount();
    if (this.base < 0) return this.disable(live);
    this.known = this.base;
    for (const p of live) p.faults = 0;
    return (this.active = true);
  }

  /** Stops counting for good (no descriptor left for a counter): every stop reads every process. */
  disable(live: Proc[]): boolean {
    for (const p of live) this.unwatch(p);
    for (const fd of this.trees) this.libc.close(fd);
    this.trees = [];
    this.active = false;
    return false;
  }

  /** Counts thread `tid` of `p` from now on (it has not run yet, or counting starts now). */
  watch(p: Proc, tid: number): boolean {
    const fd = this.libc.perfEventOpen(SINGLE, tid, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0) return false;
    p.faultFds.push(fd);
    return true;
  }

  /** `p`'s faults since its counters opened, its ended threads' included. */
  countOf(p: Proc): number {
    let n = 0;
    for (const fd of p.faultFds) n += this.read(fd);
    return n;
  }

  /** Records `p`'s count at a reading of its RSS (taken before the reading). */
  readAt(p: Proc, count: number): void {
    this.known += count - p.faults;
    p.faults = count;
  }

  /** Whether every fault of the tree is in the counts of the last readings: nothing grew unseen. */
  quiet(): boolean {
    return this.treeCount() === this.known;
  }

  /** The faults of the whole tree since its counters opened; -1 when a counter cannot be read. */
  private treeCount(): number {
    const a = this.read(this.trees[0]), b = this.read(this.trees[1]);
    return a < 0 || b < 0 ? -1 : a + b;
  }

  /** Closes `p`'s counters once it has ended; its final count stays in the sum. */
  unwatch(p: Proc): void {
    for (const fd of p.faultFds) this.libc.close(fd);
    p.faultFds.length = 0;
  }

  private read(fd: number): number {
    return this.libc.read(fd, this.buf, 8) === 8 ? Number(this.word[0]) : -1;
  }
}
