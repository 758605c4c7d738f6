/**
 * PSS at the peaks: read (a page-table walk) where RSS reaches a new peak that is about to
 * drop, and derived from the last reading where that is exact. Part of the readings of a
 * traced tree (readings.ts), which say when memory is about to drop.
 */
import { grownEnough, type Proc, pssAtPeak, sumSubtrees } from "./process.ts";
import type { ProcReader } from "./procfs.ts";

export class PssReadings {
  /** The tree's highest PSS read so far. */
  private peak = 0;
  /** Tree RSS reached a new peak whose PSS is not read yet. */
  dirty = false;
  /** Tree RSS and PSS when the tree's PSS was last read. */
  private detailRss = 0;
  private detailPss = 0;
  /** Whether one process alone was read at the stop being handled. */
  private alone = true;

  constructor(private readonly proc: ProcReader, private readonly subtrees: boolean) {}

  /**
   * At a stop where memory of `dropping` is about to drop: the tree's PSS when its RSS is at a
   * new peak (`atTreePeak`; `treeRss` its RSS now), and each dropping process's PSS at its own peak.
   */
  atDrop(p: Proc, dropping: Proc[], live: Proc[], treeRss: number, atTreePeak: boolean, exiting: boolean, alone: boolean): void {
    this.alone = alone;
    // PSS only matters at a peak (RSS may have dropped since, at a stop that skipped reading it).
    // An exit is read like any drop: a tree whose processes come and go (a shell's loop, a
    // build) reaches a new peak by a page at many of them, and the tree's PSS there is the
    // last reading's with that growth counted as private (treePeak), as between other drops.
    if (this.dirty && atTreePeak) {
      const cheap = alone && p.sharing === null && p.pssFromLastRead() >= 0;
      if (cheap || (exiting && this.detailRss === 0) || grownEnough(treeRss, this.detailRss)) this.readTreePss(live, treeRss);
    }
    for (const q of dropping) this.peakDetail(q, exiting);
  }

  /** The tree's PSS at its RSS peak `treePeakRss`, the growth since the last reading counted as private. */
  treePeak(treePeakRss: number): number {
    return pssAtPeak(this.peak, treePeakRss, this.detailRss, this.detailPss);
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

  /**
   * PSS at a process's new peak: derived when that is exact, else read (not at every small
   * growth, at its exit neither: its last reading, with the growth since counted as private).
   */
  private peakDetail(q: Proc, exiting: boolean): void {
    if (!q.dirty || q.rss !== q.peakRss) return;
    const derived = this.derivedPss(q);
    if (derived >= 0) {
      if (derived > q.peakPss) q.peakPss = derived;
      q.dirty = false;
    } else if ((exiting && q.detailRss === 0) || grownEnough(q.rss, q.detailRss)) this.readDetail(q);
  }

  /**
   * PSS of every live process at once: the tree's PSS at one moment. Only the stopped process
   * stands still while the others are read, and a process's PSS changes when another one
   * faults in or breaks copy-on-write of pages it shares, with no stop of its own. So a tree
   * is read again until two passes agree (at most four): values that did not change between
   * their two readings were all true at the moment between the passes.
   */
  private readTreePss(live: Proc[], treeRss: number): void {
    this.dirty = false;
    this.detailRss = treeRss;
    const readers = live.filter((q) => q.sharing === null);
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
    this.detailPss = sum;
    if (sum > this.peak) this.peak = sum;
    if (this.subtrees) sumSubtrees(live, "pss");
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
}
