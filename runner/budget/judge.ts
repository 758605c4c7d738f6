/** Turns the runs of a case into its verdict, and says why when it fails. */
import type { CaseRef, CaseResult, RunOutcome } from "./types.ts";
import { judgeLeak, leakText } from "./leak.ts";
import { isOver, overLimit } from "./verdict.ts";

export type { RunOutcome } from "./types.ts";

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/** The median of the known values, or null when none is known. */
function medianOf(values: (number | null | undefined)[]): number | null {
  const known = values.filter((v): v is number => typeof v === "number");
  return known.length ? median(known) : null;
}

/** The verdict on `info` from its runs. */
export function judge(info: CaseRef, outcomes: RunOutcome[], wallMs: number): CaseResult {
  const measures = outcomes.flatMap((o) => (o.measure ? [o.measure] : []));
  const failed = outcomes.find((o) => o.error !== null);
  const { budget, growth, source, growthSource } = info.options;
  const peak = measures.length ? median(measures.map((m) => m.peak)) : null;
  const grown = measures.length ? median(measures.map((m) => m.growth)) : null;
  const retained = medianOf(measures.map((m) => m.retained));
  const heapRetained = medianOf(measures.map((m) => m.heapRetained));
  const limits = info.options;
  const leak = limits.leakRuns !== null ? judgeLeak(measures.flatMap((m) => (m.leak ? [m.leak] : [])), limits.leakPerRun) : null;
  const headrooms: number[] = [];
  if (limits.retained !== null && retained !== null) headrooms.push(limits.retained - retained);
  if (limits.heapRetained !== null && heapRetained !== null) headrooms.push(limits.heapRetained - heapRetained);
  if (budget !== null && peak !== null) headrooms.push(budget - peak);
  if (growth !== null && grown !== null) headrooms.push(growth - grown);
  const problems: string[] = [];
  if (failed) problems.push(failed.error!);
  else {
    const runs = measures.length;
    if (budget !== null && peak !== null && isOver(peak, budget)) problems.push(overLimit({ what: "peak", figure: peak, limit: budget, runs, source }));
    if (growth !== null && grown !== null && isOver(grown, growth)) problems.push(overLimit({ what: "growth", figure: grown, limit: growth, runs, source: growthSource }));
    if (limits.retained !== null && retained !== null && isOver(retained, limits.retained)) {
      problems.push(overLimit({ what: "retained", figure: retained, limit: limits.retained, runs, source: limits.retainedSource }));
    }
    if (limits.heapRetained !== null && heapRetained !== null && isOver(heapRetained, limits.heapRetained)) {
      problems.push(overLimit({ what: "heap retained", figure: heapRetained, limit: limits.heapRetained, runs, source: limits.heapRetainedSource }));
    }
    if (leak?.leaking) problems.push(leakText(leak, limits.leakSource));
    const unknown = [limits.retained !== null && retained === null ? "retained" : "", limits.heapRetained !== null && heapRetained === null ? "heapRetained" : ""].filter(Boolean);
    if (unknown.length && measures.length) problems.push(`${unknown.join(" and ")} could not be measured: the case's process reported no figure after the case (a runtime without process.memoryUsage)`);
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
    retained,
    heapRetained,
    retainedBudget: limits.retained,
    heapRetainedBudget: limits.heapRetained,
    ...(leak ? { leak } : {}),
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
    retained: null, heapRetained: null, retainedBudget: info.options.retained, heapRetainedBudget: info.options.heapRetained,
    runs: [], failure: null, output: "", wallMs: 0,
    ...(info.options.tolerance ? { tolerance: info.options.tolerance } : {}),
  };
}
