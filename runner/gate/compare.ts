/**
 * One case against its baseline entry: which figures regressed or improved past their
 * tolerance, the text that says so, and that verdict folded into (or out of) a case's result.
 *
 * @module
 */
import { formatBytes } from "../budget/bytes.ts";
import { allowed, DEFAULT_SOURCE, formatTolerance, type Tolerance, type Tolerances } from "../budget/tolerance.ts";
import type { CaseResult } from "../budget/types.ts";
import { changeOf } from "../budget/verdict.ts";
import type { BaselineEntry, CaseGate, Metric, MetricChange } from "./types.ts";

/** A case's figures now, in bytes; null for a figure it has not (a case that crashed). */
export type Figures = Partial<Record<Metric, number | null>>;

const ORDER: Metric[] = ["peak", "growth", "tree"];

/**
 * Compares `now` with the baseline `entry` (undefined for a new case) under `tolerance` (the
 * tree peak of a command uses the peak's). `accept` is the command that accepts a change on
 * purpose, for the failure text. `looks` are the figures seen separately when a suspected
 * change was re-run to confirm it (the first look, then each confirmation run): a figure
 * regresses, or improves, only when every look says so. Null when the case has no figure.
 *
 * @example
 * ```ts
 * const g = compareCase("a.mem.ts › x", { peak: 60e6, growth: 9e6 }, { peak: 50e6, growth: 8e6 }, tol, "memassert test -u");
 * g.verdict;  // "regressed"
 * g.failure;  // "peak 57.2 MiB is over its baseline of 47.7 MiB by 9.5 MiB (+20.0 %), past its tolerance …"
 * ```
 */
export function compareCase(id: string, now: Figures, entry: BaselineEntry | undefined, tolerance: Tolerances, accept: string, looks: Figures[] = [now]): CaseGate | null {
  const present = ORDER.filter((m) => typeof now[m] === "number");
  if (present.length === 0) return null;
  if (entry === undefined) return { id, verdict: "new", metrics: [], failure: null, confirmRuns: 0 };
  const metrics = present.filter((m) => entry[m] !== undefined).map((m) => {
    const seen = looks.map((l) => l[m]).filter((v): v is number => typeof v === "number");
    return change(m, entry[m]!, now[m]!, m === "growth" ? tolerance.growth : tolerance.peak, seen.length ? seen : [now[m]!]);
  });
  const regressed = metrics.filter((m) => m.verdict === "regressed");
  const verdict = regressed.length ? "regressed" : metrics.some((m) => m.verdict === "improved") ? "improved" : "unchanged";
  const failure = regressed.length ? [...regressed.map(overBaseline), `accept it on purpose with: ${accept}`].join("\n") : null;
  return { id, verdict, metrics, failure, confirmRuns: 0 };
}

/**
 * One figure against its baseline: regressed when every look is above `allowed`, improved
 * when every look is below the baseline by more than the tolerance, else unchanged.
 */
export function change(metric: Metric, baseline: number, now: number, tolerance: Tolerance, looks: number[] = [now]): MetricChange {
  const most = allowed(baseline, tolerance);
  const band = most - baseline;
  const verdict = looks.every((v) => v > most) ? "regressed" : looks.every((v) => baseline - v > band) ? "improved" : "unchanged";
  const c: MetricChange = { metric, baseline, now, change: now - baseline, allowed: most, tolerance, verdict };
  return looks.length > 1 ? { ...c, looks } : c;
}

const LABEL: Record<Metric, string> = { peak: "peak", growth: "growth", tree: "tree peak" };

/** "peak" , "growth" or "tree peak". */
export function metricLabel(m: Metric): string {
  return LABEL[m];
}

/**
 * The text of a figure that regressed: the figure, its baseline, by how much, the tolerance
 * and the most it allows, and where the tolerance is set.
 *
 * @example
 * ```ts
 * overBaseline(change("peak", 100 * MiB, 120 * MiB, DEFAULT_TOLERANCE.peak));
 * // peak 120.0 MiB is over its baseline of 100.0 MiB by 20.0 MiB (+20.0 %), past its tolerance of
 * // +10 % + 1.0 MiB (at most 111.0 MiB; the default tolerance: see memassert --help, …)
 * ```
 */
export function overBaseline(m: MetricChange): string {
  const pct = changeOf(m.change, m.baseline, "the baseline");
  return `${LABEL[m.metric]} ${formatBytes(m.now)} is over its baseline of ${formatBytes(m.baseline)} by ${formatBytes(m.change)}` +
    `${pct ? ` (${pct})` : ""}, past its tolerance of ${formatTolerance(m.tolerance)} (at most ${formatBytes(m.allowed)}; ` +
    (m.tolerance.source === DEFAULT_SOURCE
      ? "the default tolerance: see memassert --help, Baselines, to set another)"
      : `set in ${m.tolerance.source})`);
}

/** `r` with the gate's verdict folded in: a regression fails the case and explains why. */
export function applyGate(r: CaseResult, gate: CaseGate): CaseResult {
  if (gate.failure === null) return { ...r, gate };
  return { ...r, gate, status: "failed", failure: r.failure === null ? gate.failure : `${r.failure}\n${gate.failure}` };
}

/** `r` as it was before a gate was applied to it: for results that are judged again. */
export function withoutGate(r: CaseResult): CaseResult {
  const { gate, ...rest } = r;
  if (gate === undefined || gate.failure === null) return rest;
  if (rest.failure === gate.failure) return { ...rest, failure: null, status: "passed" };
  if (rest.failure?.endsWith(`\n${gate.failure}`)) return { ...rest, failure: rest.failure.slice(0, -gate.failure.length - 1) };
  return rest;
}
