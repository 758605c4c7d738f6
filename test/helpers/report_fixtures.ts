/**
 * Hand-built results of `memassert test` for the reporter tests: realistic figures (a CSV
 * parser under a 48 MiB budget), a failure over budget, a thrown error with a stack, a skipped
 * case, and a file that could not be loaded. Reporters are pure, so no process is run.
 */
import type { CaseResult, FileError, RunMeasure, TestReport } from "../../runner/testing/types.ts";

export const MiB = 2 ** 20;

function run(peak: number, baseline: number, wallMs: number): RunMeasure {
  return { peak, growth: peak - baseline, baseline, treePeak: peak + 512 * 1024, wallMs };
}

/** A case under budget, with every figure set; override what a test needs. */
export function passedCase(over: Partial<CaseResult> = {}): CaseResult {
  const baseline = Math.round(35.1 * MiB);
  const peak = Math.round(41.2 * MiB);
  return {
    file: "test/parse.test.ts",
    name: "parse 10k rows",
    location: "test/parse.test.ts:8",
    status: "passed",
    peak,
    growth: peak - baseline,
    baseline,
    treePeak: peak + 512 * 1024,
    budget: 48 * MiB,
    growthBudget: null,
    headroom: 48 * MiB - peak,
    runs: [run(peak, baseline, 412)],
    failure: null,
    output: "",
    wallMs: 412,
    ...over,
  };
}

/** A case 4.3 MiB over its budget, median of 3 runs, that printed a progress log. */
export function overBudgetCase(over: Partial<CaseResult> = {}): CaseResult {
  const baseline = Math.round(35.1 * MiB);
  const peak = Math.round(52.3 * MiB);
  const output = Array.from({ length: 30 }, (_, i) => `\x1b[2m[parse]\x1b[0m batch ${i + 1}/30 done`).join("\n");
  return passedCase({
    name: "parse 100k rows",
    location: "test/parse.test.ts:15",
    status: "failed",
    peak,
    growth: peak - baseline,
    baseline,
    treePeak: peak,
    growthBudget: 16 * MiB,
    headroom: 48 * MiB - peak,
    runs: [run(peak - 4096, baseline, 830), run(peak, baseline, 845), run(peak + 8192, baseline, 861)],
    failure: "peak 52.3 MiB is 4.3 MiB over the budget of 48.0 MiB\n(change `budget` in test/parse.test.ts:15)",
    output: `${output}\n`,
    wallMs: 2536,
    ...over,
  });
}

/** A case that threw before any run completed: no figures, an error with its stack. */
export function thrownCase(over: Partial<CaseResult> = {}): CaseResult {
  return passedCase({
    file: "test/render.test.ts",
    name: `render <table> & "quotes" 'too'`,
    location: "test/render.test.ts:21",
    status: "failed",
    peak: null,
    growth: null,
    baseline: null,
    treePeak: null,
    headroom: null,
    runs: [],
    failure: 'TypeError: Cannot read properties of undefined (reading "rows")\n    at render (src/render.ts:42:13)\n    at test/render.test.ts:23:5',
    output: "",
    wallMs: 37,
    ...over,
  });
}

/** A skipped case: nothing ran. */
export function skippedCase(over: Partial<CaseResult> = {}): CaseResult {
  return passedCase({
    file: "test/render.test.ts",
    name: "render 1M cells",
    location: "test/render.test.ts:30",
    status: "skipped",
    peak: null,
    growth: null,
    baseline: null,
    treePeak: null,
    headroom: null,
    runs: [],
    wallMs: 0,
    ...over,
  });
}

export const loadError: FileError = {
  file: "test/bad.test.ts",
  message: 'Cannot parse size "64 mb": unknown unit "mb" (did you mean MB or MiB? units are case-sensitive; use B, KiB, MiB, GiB, TiB, kB, MB, GB, TB)',
};

/** A report of the given results, its counts derived from them. */
export function reportOf(results: CaseResult[], fileErrors: FileError[] = [], wallMs = 3120): TestReport {
  const count = (s: CaseResult["status"]) => results.filter((r) => r.status === s).length;
  return { results, found: results.length, fileErrors, passed: count("passed"), failed: count("failed"), skipped: count("skipped"), wallMs, untraceable: null };
}
