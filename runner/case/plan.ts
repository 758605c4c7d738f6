/**
 * What a case's process does around its measured run, as its request asks: warm-up runs before
 * the start mark (so that JIT code and lazy initialisation stop counting), and further runs
 * after it, each followed by a full GC, to see whether what the case keeps grows with the runs.
 */
import { MARK } from "../trace/mark.ts";
import { fullGc } from "./gc.ts";
import { heapInUse } from "./heap.ts";
import type { Marker } from "./marker.ts";

/** What the runner asks of a case's process beyond the one measured run. */
export interface CasePlan {
  /** Runs of the body before the start mark, not measured. */
  warmup?: number;
  /** Runs of the body in all, the measured one first; more than one: the heap is read after each. */
  leakRuns?: number;
  /** Count the heap's objects by type before and after, and name those that grew (a run made again for a failed case). */
  types?: boolean;
}

/** Runs `fn` `n` times, unmarked; the first error ends them and is returned. */
export async function warmUp(fn: () => unknown, n: number): Promise<unknown> {
  for (let i = 0; i < n; i++) {
    try {
      await fn();
    } catch (err) {
      return err;
    }
  }
  return undefined;
}

/**
 * Runs `fn` again, `total - 1` times after the measured run, each followed by a full GC, a
 * reading of the heap in use and a LEAK_RUN mark (where the tracer reads the RSS). Returns the
 * heap in use after each of them, and the error that ended them.
 */
export async function runAgain(fn: () => unknown, total: number, marker: Marker): Promise<{ heap: (number | null)[]; error: unknown }> {
  const heap: (number | null)[] = [];
  for (let i = 1; i < total; i++) {
    try {
      await fn();
    } catch (err) {
      return { heap, error: err };
    }
    await fullGc();
    heap.push(heapInUse());
    marker.mark(MARK.LEAK_RUN);
  }
  return { heap, error: undefined };
}
