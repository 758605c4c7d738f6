/**
 * Writing what a run found back into the baseline. `-u` accepts every change past its
 * tolerance (raised, lowered, added, removed) and leaves cases within tolerance as they were,
 * so that a pull request's diff shows only what really moved. `--ratchet` only ever lowers.
 *
 * @module
 */
import type { CaseResult } from "../budget/types.ts";
import type { Baseline, BaselineEntry, CaseGate, Environment, GateSummary, Metric } from "./types.ts";

/** One line of what an update changed. */
export interface BaselineChange {
  id: string;
  kind: "added" | "raised" | "lowered" | "removed";
  before: BaselineEntry | null;
  after: BaselineEntry | null;
}

/** The new baseline and what changed in it. */
export interface Updated {
  baseline: Baseline;
  changes: BaselineChange[];
}

const METRICS: Metric[] = ["peak", "growth", "tree"];

/**
 * `-u`: the baseline with the judged `results` accepted: new cases added, regressed and
 * improved ones set to their figures now, removed ones dropped. Cases within tolerance and
 * cases without figures (crashed, skipped) keep their entries, unless the environment
 * differs from the baseline's: then every case with figures is written again.
 *
 * @example
 * ```ts
 * const { baseline, changes } = acceptAll(old, judged, summary, currentEnvironment());
 * changes; // [{ id: "a.mem.ts › x", kind: "raised", before: { peak: … }, after: { peak: … } }]
 * ```
 */
export function acceptAll(old: Baseline | null, results: CaseResult[], summary: GateSummary, environment: Environment): Updated {
  const cases = { ...old?.cases };
  const changes: BaselineChange[] = [];
  // Figures from another environment are not kept beside this one's: all are written again.
  const everything = summary.environment.length > 0;
  for (const r of results) {
    const g = r.gate;
    if (g === undefined || (g.verdict === "unchanged" && !everything)) continue;
    const before = cases[g.id] ?? null;
    const after = figures(r, before);
    if (before !== null && METRICS.every((m) => before[m] === after[m])) continue;
    cases[g.id] = after;
    const up = g.verdict === "regressed" || (g.verdict === "unchanged" && (after.peak ?? 0) >= (before?.peak ?? 0));
    changes.push({ id: g.id, kind: before === null ? "added" : up ? "raised" : "lowered", before, after });
  }
  for (const id of summary.removed) {
    if (cases[id] === undefined) continue;
    changes.push({ id, kind: "removed", before: cases[id], after: null });
    delete cases[id];
  }
  return { baseline: { environment: changes.length || old === null ? environment : old.environment, cases }, changes };
}

/**
 * `--ratchet`: the baseline with each figure that improved past its tolerance lowered to its
 * value now. Nothing is raised, added or removed.
 *
 * @example
 * ```ts
 * ratchet(old, judged).changes; // [{ id: "a.mem.ts › x", kind: "lowered", … }]
 * ```
 */
export function ratchet(old: Baseline, results: CaseResult[]): Updated {
  const cases = { ...old.cases };
  const changes: BaselineChange[] = [];
  for (const r of results) {
    const g = r.gate;
    if (g === undefined || g.verdict !== "improved") continue;
    const before = cases[g.id];
    const after = { ...before };
    for (const m of g.metrics) if (m.verdict === "improved") after[m.metric] = m.now;
    cases[g.id] = after;
    changes.push({ id: g.id, kind: "lowered", before, after });
  }
  return { baseline: { environment: old.environment, cases }, changes };
}

/**
 * One entry (a command's, from `memassert run`) written back: added when new; under -u
 * (`mode` "update") set to `now` when it changed past its tolerance; under --ratchet only the
 * figures that improved are lowered.
 *
 * @example
 * ```ts
 * updateEntry(old, "build", { peak: 1e6, tree: 9e7 }, gate, currentEnvironment(), "update").changes;
 * ```
 */
export function updateEntry(old: Baseline | null, id: string, now: BaselineEntry, gate: CaseGate, environment: Environment, mode: "update" | "ratchet"): Updated {
  const cases = { ...old?.cases };
  const before = cases[id] ?? null;
  let after: BaselineEntry | null = null;
  if (mode === "update" && gate.verdict !== "unchanged") after = { ...now };
  if (mode === "ratchet" && gate.verdict === "improved") {
    after = { ...before };
    for (const m of gate.metrics) if (m.verdict === "improved") after[m.metric] = m.now;
  }
  if (after === null) return { baseline: old ?? { environment, cases }, changes: [] };
  cases[id] = after;
  const kind = before === null ? "added" : gate.verdict === "regressed" ? "raised" : "lowered";
  return { baseline: { environment: mode === "update" ? environment : old!.environment, cases }, changes: [{ id, kind, before, after }] };
}

/** A result's figures as a baseline entry; figures the result lacks keep their old value. */
function figures(r: CaseResult, before: BaselineEntry | null): BaselineEntry {
  const now: Partial<Record<Metric, number | null>> = { peak: r.peak, growth: r.growth };
  const out: BaselineEntry = {};
  for (const m of METRICS) {
    const v = now[m] ?? before?.[m];
    if (typeof v === "number") out[m] = v;
  }
  return out;
}
