/**
 * What a chart of the HTML report draws, computed from a timeline as plain data: the
 * processes' RSS stacked (the largest few each in a band, the rest together), the tree's
 * total, the peak, and horizontal lines for the limits. The page's script only hands this
 * to uPlot, so everything worth testing happens here.
 *
 * @module
 */
import type { Timeline } from "../measure/result.ts";

/** Processes drawn in a band of their own; the others share one band. */
export const BANDS = 7;

/** One chart, ready for uPlot: `x` in seconds, every `values` aligned with it. */
export interface ChartSpec {
  x: number[];
  /** Bands from the bottom up, each holding the cumulative sum up to it (stacked). */
  bands: { label: string; values: number[] }[];
  /** The tree's RSS at each x. */
  total: number[];
  /** The peak: when, how high, and what it is called. */
  peak: { x: number; y: number; label: string };
  /** Horizontal lines (budgets, baseline), in bytes. */
  lines: { label: string; y: number; kind: "limit" | "baseline" }[];
}

/** A process as the chart names it. */
export interface ChartProcess {
  pid: number;
  argv: string[];
}

/**
 * The chart of `t`. `peak` is the exact peak (bytes) when it is known better than the
 * highest reading; `processes` name the bands, listed root first.
 *
 * @example
 * ```ts
 * const spec = chartSpec(result.timeline!, result.processes, result.tree.peakRss, [{ label: "budget", y: 64 * 2 ** 20, kind: "limit" }]);
 * spec.bands[0].label; // "1234 sh -c …"
 * ```
 */
export function chartSpec(t: Timeline, processes: ChartProcess[], peak: number | null, lines: ChartSpec["lines"]): ChartSpec {
  const x = t.tree.map(([ms]) => ms / 1000);
  const index = new Map(t.tree.map(([ms], i) => [ms, i]));
  const series = t.processes.map((p) => {
    const values = new Array<number>(x.length).fill(0);
    for (const [ms, v] of p.points) {
      const i = index.get(ms);
      if (i !== undefined) values[i] = v;
    }
    return { pid: p.pid, values, top: Math.max(0, ...values) };
  });
  const order = new Map(processes.map((p, i) => [p.pid, i]));
  const biggest = [...series].sort((a, b) => b.top - a.top).slice(0, BANDS);
  const own = series
    .filter((s) => biggest.includes(s) || series.length <= BANDS + 1)
    .sort((a, b) => (order.get(a.pid) ?? Infinity) - (order.get(b.pid) ?? Infinity));
  const rest = series.filter((s) => !own.includes(s));
  const named = processes.reduce((m, p) => m.set(p.pid, p.argv), new Map<number, string[]>());
  const bands: ChartSpec["bands"] = own.map((s) => ({ label: label(s.pid, named.get(s.pid)), values: s.values }));
  if (rest.length > 0) {
    bands.push({ label: `${rest.length} other processes`, values: x.map((_, i) => rest.reduce((sum, s) => sum + s.values[i], 0)) });
  }
  for (let b = 1; b < bands.length; b++) bands[b].values = bands[b].values.map((v, i) => v + bands[b - 1].values[i]);
  const total = t.tree.map(([, v]) => v);
  const top = total.reduce((best, v, i) => (v > total[best] ? i : best), 0);
  const peakIndex = index.get(t.peakMs) ?? top;
  return {
    x,
    bands,
    total,
    peak: { x: t.peakMs / 1000, y: peak ?? total[peakIndex] ?? 0, label: "peak" },
    lines,
  };
}

/** "1234 node build.js" (the program without its directory), cut to a legend's length. */
function label(pid: number, argv: string[] | undefined): string {
  const [program = "", ...args] = argv ?? [];
  const command = [program.slice(program.lastIndexOf("/") + 1), ...args].join(" ").replace(/\s+/g, " ").trim();
  const text = command ? `${pid} ${command}` : String(pid);
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}
