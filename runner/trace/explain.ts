/**
 * Where the memory went at the tree's peak: which process held what, and inside the largest
 * processes, their largest mappings (smaps.ts). Read at a stop where the tree is at a new
 * peak and memory is about to drop, so what is read is the peak itself; but only when that
 * peak passes the last one explained by a margin, since smaps is a walk of every page table
 * of the process (~1 ms for a runtime's, ~0.15 ms per MiB resident on a busy 2-CPU VM), where
 * a stop costs tens of microseconds.
 */
import type { Proc } from "./process.ts";
import type { ProcReader } from "./procfs.ts";
import { largest, parseSmaps } from "./smaps.ts";
import type { ExplainedProcess, PeakExplanation } from "./types.ts";

/** The processes whose mappings are read at an explained peak: the largest by RSS. */
export const EXPLAINED_PROCESSES = 3;
/** Mappings listed per process read; the others are summed as its rest. */
export const EXPLAINED_MAPPINGS = 8;
/** Processes listed at an explained peak; the others are summed. */
export const LISTED_PROCESSES = 10;
/** A new peak is explained when it passes the last explained one by max(1 MiB, 1/16 of it). */
export const EXPLAIN_MARGIN = { bytes: 1024 * 1024, fraction: 1 / 16 } as const;

/** Whether a tree peak of `rss` is worth explaining after one of `last` was (0: none yet). */
export function passesMargin(rss: number, last: number): boolean {
  return last === 0 || rss - last >= Math.max(EXPLAIN_MARGIN.bytes, last * EXPLAIN_MARGIN.fraction);
}

export class PeakExplainer {
  private best: PeakExplanation | null = null;
  private reads = 0;

  constructor(private readonly proc: ProcReader) {}

  /**
   * At a stop where the tree's RSS `treeRss` is its peak so far and memory is about to drop:
   * reads the largest processes' mappings when the peak passes the last explained one by the
   * margin (`now`: the tracer's clock, read only then).
   */
  atPeak(live: Proc[], treeRss: number, now: () => number): void {
    if (!passesMargin(treeRss, this.best?.treeRss ?? 0)) return;
    const owners = live.filter((q) => q.sharing === null && q.fd >= 0 && q.rss > 0).sort((a, b) => b.rss - a.rss || a.pid - b.pid);
    const listed = owners.slice(0, LISTED_PROCESSES).map((q, i): ExplainedProcess => {
      const base = { pid: q.pid, argv: q.images[q.images.length - 1] ?? [], rss: q.rss };
      const text = i < EXPLAINED_PROCESSES ? this.proc.records(`/proc/${q.pid}/task/${q.statmTid}/smaps`) : null;
      if (text === null) return { ...base, pss: null, mappings: null, rest: null };
      this.reads++;
      const all = parseSmaps(text);
      const { top, rest } = largest(all, EXPLAINED_MAPPINGS);
      return { ...base, pss: all.reduce((s, m) => s + m.pss, 0), mappings: top, rest };
    });
    let othersRss = 0;
    for (const q of owners.slice(LISTED_PROCESSES)) othersRss += q.rss;
    this.best = {
      ms: Math.round(now() * 1000) / 1000,
      treeRss,
      processes: listed,
      others: { processes: Math.max(0, owners.length - LISTED_PROCESSES), rss: othersRss },
      reads: this.reads,
    };
  }

  /** The highest peak explained, with the reads of the whole run; null when none was. */
  finish(): PeakExplanation | null {
    return this.best === null ? null : { ...this.best, reads: this.reads };
  }
}
