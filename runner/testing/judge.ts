/** Turns the runs of a case into its verdict, and says why when it fails. */
import { formatBytes } from "../bytes.ts";
import type { CaseInfo, CaseResult, RunMeasure } from "./types.ts";

/** What one run gave: a measure, or why there is none. */
export type RunOutcome = { measure: RunMeasure; error: string | null; output: string } | {
  measure: null;
  error: string;
  output: string;
};

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

function over(what: string, figure: number, limit: number, runs: number, source: string): string {
  const by = figure - limit;
  const pct = limit > 0 ? ` (+${((by / limit) * 100).toFixed(1)} %)` : "";
  const of = runs > 1 ? ` (median of ${runs} runs)` : "";
  return `${what} ${formatBytes(figure)}${of} is over its limit of ${formatBytes(limit)} by ${formatBytes(by)}${pct}; ` +
    `the limit is set in ${source}`;
}

/** The verdict on `info` from its runs. */
export function judge(info: CaseInfo, outcomes: RunOutcome[], wallMs: number): CaseResult {
  const measures = outcomes.flatMap((o) => (o.measure ? [o.measure] : []));
  const failed = outcomes.find((o) => o.error !== null);
  const { budget, growth, source } = info.options;
  const peak = measures.length ? median(measures.map((m) => m.peak)) : null;
  const grown = measures.length ? median(measures.map((m) => m.growth)) : null;
  const headrooms: number[] = [];
  if (budget !== null && peak !== null) headrooms.push(budget - peak);
  if (growth !== null && grown !== null) headrooms.push(growth - grown);
  const problems: string[] = [];
  if (failed) problems.push(failed.error!);
  else {
    if (budget !== null && peak !== null && peak > budget) problems.push(over("peak", peak, budget, measures.length, source));
    if (growth !== null && grown !== null && grown > growth) problems.push(over("growth", grown, growth, measures.length, source));
  }
  return {
    file: info.file,
    name: info.name,
    location: info.location,
    status: problems.length ? "failed" : "passed",
    peak,
    growth: grown,
    baseline: measures.length ? median(measures.map((m) => m.baseline)) : null,
    treePeak: measures.length ? median(measures.map((m) => m.treePeak)) : null,
    budget,
    growthBudget: growth,
    headroom: headrooms.length ? Math.min(...headrooms) : null,
    runs: measures,
    failure: problems.length ? problems.join("\n") : null,
    output: problems.length ? (failed ?? outcomes[outcomes.length - 1])?.output ?? "" : "",
    wallMs: Math.round(wallMs),
  };
}

/** The result of a case that was not run. */
export function skipped(info: CaseInfo): CaseResult {
  return {
    file: info.file, name: info.name, location: info.location, status: "skipped",
    peak: null, growth: null, baseline: null, treePeak: null,
    budget: info.options.budget, growthBudget: info.options.growth, headroom: null,
    runs: [], failure: null, output: "", wallMs: 0,
  };
}
