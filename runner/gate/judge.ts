/**
 * A run's results against a baseline: each case compared and its verdict folded into its
 * result, then the whole run summed up (regressed, improved, unchanged, new, removed, and how
 * the environment differs).
 *
 * @module
 */
import type { Tolerances } from "../budget/tolerance.ts";
import type { CaseResult } from "../budget/types.ts";
import { median } from "../budget/judge.ts";
import { applyGate, compareCase, type Figures, withoutGate } from "./compare.ts";
import { environmentChanges } from "./environment.ts";
import { caseId } from "./ids.ts";
import type { Baseline, Environment, GateSummary } from "./types.ts";

/** What judging against a baseline needs to know. */
export interface GateContext {
  /** The baseline; null when there is none yet (every case is new). */
  baseline: Baseline | null;
  /** The baseline file, as given. */
  path: string;
  /** The project root, which case ids are relative to. */
  root: string;
  /** The command that accepts changes on purpose, for failure texts. */
  accept: string;
  /** Tolerances for results that carry none of their own (from the command line and config). */
  fallback: Tolerances;
}

/** The id of a result in the baseline. */
export function resultId(r: CaseResult, root: string): string {
  return caseId(r.file, r.name, root);
}

/**
 * `r` judged against the baseline: any earlier gate verdict removed, then this one folded in
 * (a regression fails the case, unless `enforce` is false: `-u` accepts it). A result
 * without figures comes back without a gate.
 *
 * @example
 * ```ts
 * const judged = gateResult(result, ctx);
 * judged.gate?.verdict; // "regressed"
 * judged.status;        // "failed"
 * ```
 */
export function gateResult(r: CaseResult, ctx: GateContext, confirmRuns = 0, enforce = true): CaseResult {
  const plain = withoutGate(r);
  const id = resultId(plain, ctx.root);
  const tolerance = plain.tolerance ?? ctx.fallback;
  const gate = compareCase(id, { peak: plain.peak, growth: plain.growth }, ctx.baseline?.cases[id], tolerance, ctx.accept, looks(plain, confirmRuns));
  if (gate === null) return plain;
  // Under -u a regression is being accepted: it is recorded, and fails nothing.
  return applyGate(plain, { ...gate, confirmRuns, failure: enforce ? gate.failure : null });
}

/**
 * The figures seen at each look of a case re-run `confirmRuns` times to confirm a change: the
 * median of its first runs, then each confirmation run.
 */
function looks(r: CaseResult, confirmRuns: number): Figures[] | undefined {
  if (confirmRuns <= 0 || r.runs.length <= confirmRuns) return undefined;
  const first = r.runs.slice(0, r.runs.length - confirmRuns);
  return [
    { peak: median(first.map((x) => x.peak)), growth: median(first.map((x) => x.growth)) },
    ...r.runs.slice(-confirmRuns).map((x) => ({ peak: x.peak, growth: x.growth })),
  ];
}

/** Which baseline ids the run speaks for, and which cases it found (ran or not). */
export interface Coverage {
  /** Whether a baseline id is one the run looked for (its file among the run's). */
  inScope: (id: string) => boolean;
  /** Ids of every case the run found, before filters: those not found in scope were removed. */
  found: Set<string>;
}

/**
 * The run summed up against the baseline. `environment` is where the results were measured.
 *
 * @example
 * ```ts
 * summarize(judged, ctx, coverage, currentEnvironment());
 * // { path: ".memassert/baseline.json", regressed: 1, improved: 0, unchanged: 3, new: 1, removed: [], environment: [] }
 * ```
 */
export function summarize(results: CaseResult[], ctx: GateContext, coverage: Coverage, environment: Environment): GateSummary {
  const count = (v: string) => results.filter((r) => r.gate?.verdict === v).length;
  const removed = Object.keys(ctx.baseline?.cases ?? {}).filter((id) => coverage.inScope(id) && !coverage.found.has(id)).sort();
  return {
    path: ctx.path,
    regressed: count("regressed"),
    improved: count("improved"),
    unchanged: count("unchanged"),
    new: count("new"),
    removed,
    environment: ctx.baseline ? environmentChanges(ctx.baseline.environment, environment) : [],
  };
}
