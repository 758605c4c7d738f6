/**
 * The gate as the commands use it: the options every gate shares, opening the baseline before
 * anything runs (so a bad file or path costs nothing), and closing it after: the report, the
 * baseline written by `-u` or `--ratchet`, and whether the run fails.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { resolveTolerances } from "../budget/limits.ts";
import { parseTolerance, type ToleranceOption, type Tolerances } from "../budget/tolerance.ts";
import type { CaseOptions } from "../budget/types.ts";
import { BaselineError, DEFAULT_BASELINE, formatBaseline, readBaseline } from "../gate/baseline.ts";
import { type Coverage, gateResult, type GateContext, summarize } from "../gate/judge.ts";
import type { Baseline, Environment, GateSummary } from "../gate/types.ts";
import { acceptAll, ratchet, type Updated } from "../gate/update.ts";
import { formatBaselineChanges } from "../report/baseline_text.ts";
import { checkWritable, OutputPathError, writeFileAtomic } from "../report/files.ts";
import { formatGate } from "../report/gate_text.ts";
import type { Layer } from "../budget/limits.ts";
import type { Review } from "../testing/schedule.ts";
import type { CaseResult } from "../testing/types.ts";
import { UsageError } from "./io.ts";

/** The gate's options, as parsed. */
export interface GateArgs {
  /** `--baseline FILE`, or null for the default. */
  baseline: string | null;
  update: boolean;
  ratchet: boolean;
  tolerance: ToleranceOption | undefined;
  strictEnvironment: boolean;
}

/**
 * The gate's options among parsed `values`.
 *
 * @throws {UsageError} for a tolerance that does not parse, or `-u` with `--ratchet`.
 */
export function gateArgs(values: Map<string, string | true>): GateArgs {
  const text = (name: string) => {
    const v = values.get(name) as string | undefined;
    if (v === undefined) return undefined;
    try {
      parseTolerance(v);
    } catch (err) {
      throw new UsageError(`${name} ${(err as Error).message.replace(/^Cannot parse tolerance /, "")}`);
    }
    return v;
  };
  const both = text("--tolerance"), growth = text("--growth-tolerance");
  const tolerance = growth === undefined ? both : { ...(both === undefined ? {} : { peak: both }), growth };
  const a: GateArgs = {
    baseline: (values.get("--baseline") as string | undefined) ?? null,
    update: values.has("--update"),
    ratchet: values.has("--ratchet"),
    tolerance,
    strictEnvironment: values.has("--strict-environment"),
  };
  if (a.update && a.ratchet) throw new UsageError(`-u and --ratchet go apart: -u accepts every change, --ratchet only lowers (give one)`);
  return a;
}

/** The command line's tolerance as an option layer, for cases to inherit. */
export function toleranceLayer(a: GateArgs): CaseOptions {
  return a.tolerance === undefined ? {} : { tolerance: a.tolerance };
}

/** An open gate: the baseline (null when -u creates it) and how to judge against it. */
export interface OpenGate {
  args: GateArgs;
  ctx: GateContext;
  baseline: Baseline | null;
}

/**
 * Opens the gate for a run in `cwd`: reads the baseline and checks that a file to write can
 * be written. Null when no baseline is in play (none given, the default one absent, no -u).
 * `accept` is the command that accepts changes; `layers` (the command line's, then the
 * config's) give the tolerance of results that carry none.
 *
 * @throws {BaselineError} for a baseline that cannot be used.
 * @throws {UsageError} for a missing baseline without -u, or a file that cannot be written.
 */
export function openGate(a: GateArgs, accept: string, cwd: string, layers: Layer[]): OpenGate | null {
  const path = a.baseline ?? DEFAULT_BASELINE;
  const baseline = readBaseline(path);
  if (baseline === null) {
    if (a.baseline === null && !a.update && !a.ratchet) return null;
    if (a.ratchet) throw new UsageError(`--ratchet: baseline "${path}" does not exist, so there is nothing to lower (create it with -u)`);
    if (!a.update) throw new UsageError(`--baseline "${path}": no such file (create it with -u, e.g. ${accept} --baseline ${path}, and commit it)`);
    if (a.baseline === null && !existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
  }
  if (a.update || a.ratchet) {
    try {
      checkWritable(a.baseline === null ? "-u" : "--baseline", path);
    } catch (err) {
      if (err instanceof OutputPathError) throw new UsageError(err.message);
      throw err;
    }
  }
  const fallback: Tolerances = resolveTolerances(layers);
  const acceptWith = a.baseline === null ? accept : `${accept} --baseline ${path}`;
  return { args: a, baseline, ctx: { baseline, path, root: cwd, accept: acceptWith, fallback } };
}

/**
 * Each case against the baseline as it finishes: one that looks like a regression is run
 * `confirm` more times and fails only when every one of them regresses too; under -u and
 * --ratchet, so is a figure about to be written (new or improved), so that one noisy run
 * does not become the baseline.
 */
export function reviewer(g: OpenGate, confirm: number): Review {
  const { update, ratchet } = g.args;
  return {
    moreRuns(result) {
      const v = gateResult(result, g.ctx).gate?.verdict;
      const needed = v === "regressed" || (update && (v === "new" || v === "improved")) || (ratchet && v === "improved");
      return needed ? confirm : 0;
    },
    final: (result, _info, added) => gateResult(result, g.ctx, added, !update),
  };
}

/** What closing the gate gives: the summary, the text to print, and whether the gate fails the run. */
export interface GateOutcome {
  summary: GateSummary;
  text: string;
  /** The environment differs and --strict-environment was given. */
  environmentFailed: boolean;
}

/**
 * Closes the gate over the judged `results`: sums them up, writes the baseline for -u (or
 * --ratchet when `allPassed`), and returns the report's text.
 *
 * @throws the file system's error when the baseline cannot be written (the old one is kept).
 */
export function closeGate(s: OpenGate, results: CaseResult[], coverage: Coverage, environment: Environment, allPassed: boolean, color: boolean): GateOutcome {
  const summary = summarize(results, s.ctx, coverage, environment);
  const removedEntries = Object.fromEntries(summary.removed.map((id) => [id, { ...s.baseline?.cases[id] }]));
  // Under -u the list of what was written says it all; otherwise the table of changes.
  const opts = { color, accept: s.args.update ? "" : s.ctx.accept, strictEnvironment: s.args.strictEnvironment, headingOnly: s.args.update };
  const parts = [formatGate(results, summary, opts, removedEntries)];
  let updated: Updated | null = null;
  if (s.args.update) updated = acceptAll(s.baseline, results, summary, environment);
  else if (s.args.ratchet) {
    if (allPassed) updated = ratchet(s.baseline!, results);
    else parts.push(`--ratchet: the baseline is left as it is, since not every case passed`);
  }
  if (updated !== null) {
    if (updated.changes.length > 0 || s.baseline === null) writeFileAtomic(s.ctx.path, formatBaseline(updated.baseline));
    parts.push(formatBaselineChanges(s.ctx.path, updated.changes, s.baseline === null));
  }
  return { summary, text: parts.join("\n"), environmentFailed: s.args.strictEnvironment && summary.environment.length > 0 };
}

export { BaselineError };
