/**
 * Results for benchmark trackers that keep a history across commits: Bencher's JSON format
 * (BMF) and github-action-benchmark's `customSmallerIsBetter`. Each case gives its median
 * peak, growth, retained and heapRetained in bytes (those it has), with the smallest and
 * largest run as bounds. Pure functions.
 *
 * @module
 */
import { caseId } from "../gate/ids.ts";
import type { CaseResult, RunMeasure } from "../testing/types.ts";

const FIGURES = ["peak", "growth", "retained", "heapRetained"] as const;

function measured(results: CaseResult[], root: string): { id: string; r: CaseResult }[] {
  return results.filter((r) => r.peak !== null).map((r) => ({ id: caseId(r.file, r.name, root), r }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function bounds(r: CaseResult, figure: (typeof FIGURES)[number]): { lower: number; upper: number } {
  const values = r.runs.map((run: RunMeasure) => run[figure]).filter((v): v is number => typeof v === "number");
  const median = r[figure]!;
  return values.length ? { lower: Math.min(...values), upper: Math.max(...values) } : { lower: median, upper: median };
}

/**
 * Bencher Metric Format: `{ "<case id>": { "peak": { value, lower_value, upper_value }, "growth": … } }`,
 * for `bencher run --adapter json --file FILE`.
 *
 * @example
 * ```ts
 * JSON.parse(formatBmf(report.results, process.cwd()))["examples/parse.mem.ts › parse 10k rows of CSV"].peak.value; // 55443456
 * ```
 */
export function formatBmf(results: CaseResult[], root: string): string {
  const doc: Record<string, Record<string, { value: number; lower_value: number; upper_value: number }>> = {};
  for (const { id, r } of measured(results, root)) {
    doc[id] = {};
    for (const f of FIGURES) {
      if (r[f] == null) continue;
      const b = bounds(r, f);
      doc[id][f] = { value: r[f]!, lower_value: b.lower, upper_value: b.upper };
    }
  }
  return JSON.stringify(doc, null, 2);
}

/**
 * github-action-benchmark's `customSmallerIsBetter` input: one entry per case and figure,
 * named `<case id> (peak)`, in bytes, with half the runs' spread in `range` and their smallest
 * and largest in `extra`.
 *
 * @example
 * ```ts
 * JSON.parse(formatGithubBenchmark(report.results, process.cwd()))[0];
 * // { name: "examples/command.mem.ts › sort a million lines (peak)", unit: "bytes", value: 44855296, range: "± 0", extra: "median of 1 run; smallest 44855296, largest 44855296" }
 * ```
 */
export function formatGithubBenchmark(results: CaseResult[], root: string): string {
  const entries: { name: string; unit: string; value: number; range: string; extra: string }[] = [];
  for (const { id, r } of measured(results, root)) {
    for (const f of FIGURES) {
      if (r[f] == null) continue;
      const b = bounds(r, f);
      const n = Math.max(1, r.runs.length);
      const extra = `median of ${n} run${n === 1 ? "" : "s"}; smallest ${b.lower}, largest ${b.upper}`;
      entries.push({ name: `${id} (${f})`, unit: "bytes", value: r[f]!, range: `± ${Math.ceil((b.upper - b.lower) / 2)}`, extra });
    }
  }
  return JSON.stringify(entries, null, 2);
}
