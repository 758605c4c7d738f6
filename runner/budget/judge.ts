/** Turns the runs of a case into its verdict, and says why when it fails. */
import type { CaseRef, CaseResult, RunOutcome } from "./types.ts";
import { isOver, overLimit } from "./verdict.ts";

export type { RunOutcome } from "./types.ts";

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/** The verdict on `info` from its runs. */
export function judge(info: CaseRef, outcomes: RunOutcome[], wallMs: number): CaseResult {
  const measures = outcomes.flatMap((o) => (o.measure ? [o.measure] : []));
  const failed = outcomes.find((o) => o.error !== null);
  const { budget, growth, source, growthSource } = info.options;
  const peak = measures.length ? median(measures.map((m) => m.peak)) : null;
  const grown = measures.length ? median(measures.map((m) => m.growth)) : null;
  const headrooms: number[] = [];
  if (budget !== null && peak !== null) headrooms.push(budget - peak);
  if (growth !== null && grown !== null) headrooms.push(growth - grown);
  const problems: string[] = [];
  if (failed) problems.push(failed.error!);
  else {
    const runs = measures.length;
    if (budget !== null && peak !== null && isOver(peak, budget)) problems.push(overLimit({ what: "peak", figure: peak, limit: budget, runs, source }));
    if (growth !== null && grown !== null && isOver(grown, growth)) problems.push(overLimit({ what: "growth", figure: grown, limit: growth, runs, source: growthSource }));
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
    ...(info.options.tolerance ? { tolerance: info.options.tolerance } : {}),
  };
}

/** The result of a case that was not run. */
export function skipped(info: CaseRef): CaseResult {
  return {
    file: info.file, name: info.name, location: info.location, status: "skipped",
    peak: null, growth: null, baseline: null, treePeak: null,
    budget: info.options.budget, growthBudget: info.options.growth, headroom: null,
    runs: [], failure: null, output: "", wallMs: 0,
    ...(info.options.tolerance ? { tolerance: info.options.tolerance } : {}),
  };
}
