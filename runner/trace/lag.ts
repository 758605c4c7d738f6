/**
 * Exact RSS where /proc/PID/statm is not (kernels before 6.2, and 6.2–6.15
 * without the fix: see kernel.ts). smaps_rollup is exact everywhere, but it
 * walks page tables (~7 ms a GiB), so it is read only where statm's error
 * could hide a new peak: when statm plus the most the error can be passes
 * the process's peak, or the tree's sum of those passes the tree's peak.
 *
 * Lagging kernels (before 6.2) cache RSS increments per thread, never
 * decrements: statm is a lower bound, and the cache only fills through page
 * faults. So a process holds at most what its faults since the last exact
 * reading can have mapped, plus what was cached then, and never more than a
 * full cache per thread. The fault count comes from /proc/PID/stat, which
 * keeps the counts of exited threads too (whose caches were synced at exit).
 *
 * Approximate kernels (per-CPU counters) can be off either way by a per-CPU
 * batch per counter: a fixed error, with nothing cheaper to bound it by.
 */
import { PAGE } from "../../ffi/mod.ts";
import { type KernelInfo, versionOf } from "./kernel.ts";
import type { Proc } from "./process.ts";
import type { ProcReader } from "./procfs.ts";
import type { CountsReader } from "./procfs_counts.ts";

/**
 * A thread's cache is synced at the start of its fault once 65 have counted
 * since the last sync (check_sync_rss_stat: `events++ > 64`), so the faults
 * of 66 calls can wait in it.
 */
const CACHED_FAULTS = 66;
/**
 * The most pages one fault can map and cache: fault-around maps up to
 * fault_around_bytes (64 KiB unless changed in debugfs) of a file at once.
 * Huge pages are added to the counters directly, not cached.
 */
const PAGES_PER_FAULT = 16;
const THREAD_CACHE = CACHED_FAULTS * PAGES_PER_FAULT * PAGE;
/** RSS is three counters (anonymous, file, shmem), each off by up to a batch per CPU on approximate kernels. */
const COUNTERS = 3;

interface State {
  /** /proc/PID/stat, for the fault count (-1 on approximate kernels), and smaps_rollup, opened at its first read. */
  statFd: number;
  rollupFd: number;
  /** The image and the thread smaps_rollup was opened for: it holds on to that image's memory, and that thread may exit. */
  rollupImage: number;
  rollupTid: number;
  /** At the last exact reading: the most statm could miss, and the process's fault count. */
  cached: number;
  faults: number;
  /** The fault count read at this stop, before any exact reading (so that it is not ahead of it); -1 when unknown. */
  faultsNow: number;
  /** This stop's RSS (exact, or statm's), its file and shmem part, and how much more the real RSS can be. */
  rss: number;
  shared: number;
  slack: number;
  /** vfork children running in this process's memory: their caches can hold its pages too. */
  borrowers: number;
}

/** Reads of a traced tree on a kernel whose statm can be off. */
export class RssLag {
  private readonly states = new Map<Proc, State>();
  private readonly lagging: boolean;
  /** Whether /proc/PID/stat counts the faults the kernel takes on a process's behalf (get_user_pages: MAP_POPULATE, mlock…): since 5.9. */
  private readonly allFaults: boolean;
  /** The error of statm on an approximate kernel. */
  private readonly error: number;

  /** `proc` reads statm, `counts` the fault counts and smaps_rollup. */
  constructor(private readonly proc: ProcReader, private readonly counts: CountsReader, kernel: KernelInfo, cpus: number) {
    this.lagging = kernel.rss === "lagging";
    this.allFaults = versionOf(kernel.release) >= 5009;
    // lib/percpu_counter.c: percpu_counter_batch = max(32, 2 * online CPUs).
    this.error = this.lagging ? 0 : COUNTERS * cpus * Math.max(32, 2 * cpus) * PAGE;
  }

  /**
   * Reads every live process at a stop, before its readings are used: statm,
   * then the exact RSS of each process whose statm could hide a peak above
   * its own since the last mark, or of every uncertain one when their sum
   * could pass `treeFloor` (or when `all`, for subtree sums).
   */
  settle(live: Proc[], treeFloor: number, all: boolean): void {
    for (const q of live) this.state(q).borrowers = 0;
    for (const q of live) if (q.sharing !== null) this.state(q.sharing).borrowers++;
    let low = 0, slack = 0;
    for (const q of live) {
      if (q.sharing !== null || q.fd < 0) continue;
      const s = this.state(q);
      s.slack = 0;
      s.faultsNow = -1;
      s.rss = this.proc.rss(q.fd);
      s.shared = this.proc.shared;
      if (s.rss < 0) continue;
      // Full caches first, which costs no read: the fault count only where those could matter.
      s.slack = this.lagging ? this.fullCaches(q, s) : this.error;
      const matters = () => s.slack > 0 && (all || s.rss + s.slack > q.markPeak);
      if (this.lagging && matters()) s.slack = this.lagOf(q, s);
      if (matters()) this.exact(q, s);
      low += s.rss;
      slack += s.slack;
    }
    if (slack === 0 || low + slack <= treeFloor) return;
    const uncertain = live.filter((q) => q.sharing === null && q.fd >= 0 && (this.states.get(q)?.slack ?? 0) > 0);
    for (const q of uncertain) {
      const s = this.states.get(q)!;
      if (!this.lagging || s.faultsNow >= 0) continue;
      const was = s.slack;
      s.slack = this.lagOf(q, s);
      slack -= was - s.slack;
    }
    if (low + slack <= treeFloor) return;
    // The most uncertain first, until the tree's bound no longer passes its peak.
    uncertain.sort((a, b) => this.states.get(b)!.slack - this.states.get(a)!.slack);
    for (const q of uncertain) {
      const s = this.states.get(q)!;
      if (s.slack === 0) continue;
      const before = s.rss, was = s.slack;
      this.exact(q, s);
      low += s.rss - before;
      slack -= was - s.slack;
      if (low + slack <= treeFloor) return;
    }
  }

  /** `q`'s RSS at this stop, as settled; leaves its file and shmem part in the reader's `shared`. */
  rss(q: Proc): number {
    const s = this.states.get(q)!;
    this.proc.shared = s.shared;
    return s.rss;
  }

  /** Whether `q`'s RSS at this stop is statm's, with an error that may matter. */
  uncertain(q: Proc): boolean {
    const s = this.states.get(q);
    return s !== undefined && s.slack > 0;
  }

  /** Reads `q`'s exact RSS now; returns it (-1 when it is gone). */
  exactNow(q: Proc): number {
    const s = this.state(q);
    s.rss = this.proc.rss(q.fd);
    if (s.rss < 0) return -1;
    s.shared = this.proc.shared;
    s.faultsNow = -1;
    this.exact(q, s);
    return s.rss;
  }

  /** A process that has ended. */
  forget(q: Proc): void {
    const s = this.states.get(q);
    if (s === undefined) return;
    if (s.statFd >= 0) this.counts.close(s.statFd);
    if (s.rollupFd >= 0) this.counts.close(s.rollupFd);
    this.states.delete(q);
  }

  private state(q: Proc): State {
    let s = this.states.get(q);
    if (s === undefined) {
      // A new process starts with an empty cache and no faults counted (fork, clone and
      // the spawn routine alike); what its faults then cache is bounded below.
      const statFd = this.lagging ? this.counts.openStat(q.pid) : -1;
      s = { statFd, rollupFd: -1, rollupImage: 0, rollupTid: 0, cached: 0, faults: 0, faultsNow: -1, rss: -1, shared: 0, slack: 0, borrowers: 0 };
      this.states.set(q, s);
    }
    return s;
  }

  /**
   * The most `q`'s caches can hold now: what they could hold at the last
   * exact reading plus what the faults since can have mapped, at most a full
   * cache per thread, plus a full one per vfork child in its memory (whose
   * faults it does not count). Only faults fill a cache (and, rarely, pages a
   * driver maps from a system call: vm_insert_page); whatever the kernel adds
   * otherwise (huge pages, khugepaged, other processes' writes) is in statm.
   */
  private lagOf(q: Proc, s: State): number {
    const faults = s.statFd >= 0 ? this.counts.faults(s.statFd) : -1;
    s.faultsNow = faults;
    if (faults < 0 || !this.allFaults) return this.fullCaches(q, s);
    const sinceExact = s.cached + (faults - s.faults) * PAGES_PER_FAULT * PAGE;
    return Math.min(sinceExact, THREAD_CACHE * Math.max(q.tids.size, 1)) + s.borrowers * THREAD_CACHE;
  }

  /** The most `q`'s caches can hold, whatever it did: a full cache per thread and per vfork child. */
  private fullCaches(q: Proc, s: State): number {
    return THREAD_CACHE * (Math.max(q.tids.size, 1) + s.borrowers);
  }

  private exact(q: Proc, s: State): void {
    // The fault count before the exact RSS, so that the count is not ahead of what was read.
    if (this.lagging && s.faultsNow < 0 && s.statFd >= 0) s.faultsNow = this.counts.faults(s.statFd);
    if (s.rollupFd >= 0 && (s.rollupImage !== q.images.length || s.rollupTid !== q.statmTid)) {
      this.counts.close(s.rollupFd);
      s.rollupFd = -1;
    }
    if (s.rollupFd < 0) {
      s.rollupFd = this.counts.openRollup(q.pid, q.statmTid);
      s.rollupImage = q.images.length;
      s.rollupTid = q.statmTid;
    }
    const rss = s.rollupFd < 0 ? -1 : this.counts.rollupRss(s.rollupFd);
    if (rss < 0) return;
    if (this.lagging && s.faultsNow >= 0) {
      s.cached = Math.max(0, rss - s.rss);
      s.faults = s.faultsNow;
    }
    s.rss = rss;
    s.shared = rss - this.counts.rollupAnon;
    s.slack = 0;
  }
}
