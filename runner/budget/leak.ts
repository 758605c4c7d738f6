/**
 * The verdict of `leakRuns`: a case run N times in one process, each run followed by a full GC,
 * leaks when what it keeps grows with the runs. Run 1 is left out of the slope: a cache fills
 * and lazy state settles once, then stays; a leak keeps adding.
 */
import { formatBytes } from "./bytes.ts";
import type { LeakSeries, LeakVerdict } from "./types.ts";

/**
 * The least-squares slope of `values` against their positions, in units per position; 0 for
 * fewer than two values.
 *
 * @example
 * ```ts
 * slope([10, 20, 30]); // 10
 * slope([5, 5, 5]);    // 0
 * ```
 */
export function slope(values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0, den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

/** The heap's slope over runs 2 to N of one series, or null where a run's heap is unknown. */
function heapSlope(s: LeakSeries): number | null {
  const after = s.heapRetained.slice(1);
  return after.every((v) => v !== null) ? slope(after as number[]) : null;
}

/**
 * The verdict on the series of a case's processes (one per `runs`): the median process by its
 * heap's slope, leaking when that slope is above `limit` bytes per run. Null when no series has
 * a heap figure for every run.
 */
export function judgeLeak(series: LeakSeries[], limit: number): LeakVerdict | null {
  const known = series.map((s) => ({ s, slope: heapSlope(s) })).filter((x) => x.slope !== null) as { s: LeakSeries; slope: number }[];
  if (known.length === 0) return null;
  known.sort((a, b) => a.slope - b.slope);
  const { s, slope: heap } = known[(known.length - 1) >> 1];
  const rounded = Math.round(heap);
  return {
    runs: s.heapRetained.length, heapRetained: s.heapRetained, retained: s.retained,
    slope: rounded, rssSlope: Math.round(slope(s.retained.slice(1))), limit, leaking: rounded > limit,
  };
}

/**
 * The failure text of a leaking case: the slope, the limit, the figures per run and where
 * `leakRuns` is set.
 *
 * @example
 * ```ts
 * leakText(verdict, "test(\"x\", { … }) at a.mem.ts:4");
 * // heap retained grows 1.1 MiB per run over runs 2 to 5, above the 64.0 KiB per run allowed; …
 * ```
 */
export function leakText(v: LeakVerdict, source: string): string {
  return `heap retained grows ${formatBytes(v.slope)} per run over runs 2 to ${v.runs}, above the ${formatBytes(v.limit)} per run allowed; ` +
    `after each run: ${perRun(v)}; leakRuns is set in ${source}`;
}

/** The heap retained after each run, as people read it: "1.1 MiB, 2.2 MiB, 3.3 MiB". */
export function perRun(v: Pick<LeakVerdict, "heapRetained">): string {
  return v.heapRetained.map((h) => (h === null ? "?" : formatBytes(h))).join(", ");
}
