/**
 * `memassert test`: finds the cases, runs each (times its runs) in a traced
 * process of its own, `jobs` at a time, and judges them against their limits.
 */
import { availableParallelism } from "node:os";
import { judge, type RunOutcome, skipped } from "../budget/judge.ts";
import type { Layer } from "../budget/limits.ts";
import { withObjectTypes } from "../case/explain_types.ts";
import { runIsolated } from "../case/run.ts";
import { MeasureError } from "../measure/errors.ts";
import { requireLimit } from "../budget/unlimited.ts";
import type { Reporter } from "../report/types.ts";
import { prewarm } from "../trace/pool.ts";
import { collect } from "./collect.ts";
import { ConfigError, configLayer, findConfig } from "./config.ts";
import { discover } from "./discover.ts";
import type { CaseInfo, CaseOptions, CaseResult, FileError, TestReport } from "./types.ts";

export interface RunTestsOptions {
  paths: string[];
  cwd: string;
  /** Cases run at once. */
  jobs: number;
  /** Only cases whose name matches. */
  filter: RegExp | null;
  /** Options from the command line (--budget, --growth, --runs, --timeout, --kill-above…), already checked. */
  cli: CaseOptions;
  /** Milliseconds a test file may take to load. */
  loadTimeoutMs: number;
  reporter: Reporter;
  /** Stop scheduling new cases (Ctrl-C); running ones are killed by their own tracer. */
  signal?: AbortSignal;
  /** Record each case's RSS over time between its start and end (for a report or sparklines). */
  timeline?: { intervalMs?: number };
  /** Narrows the cases left after `only` and the filter (`--shard`); sees every case found. */
  pick?: (cases: CaseInfo[], found: CaseInfo[]) => CaseInfo[];
  /** Looks at each judged case before it is reported (against a baseline). */
  review?: Review;
  /** Fail a case that has no limit at all (--require-limits). */
  requireLimits?: boolean;
  /** Start no case after the first failure (--bail); the cases not started are reported skipped. */
  bail?: boolean;
}

/** A second look at a judged case: more runs to confirm a verdict, then the result to report. */
export interface Review {
  /** How many more runs `result` needs before its verdict (a regression to confirm); 0 for none. */
  moreRuns(result: CaseResult, info: CaseInfo): number;
  /** The result to report, `added` being the runs added to confirm it. */
  final(result: CaseResult, info: CaseInfo, added: number): CaseResult;
}

/** Runs the tests and returns the report; never throws for a failing case. */
export async function runTests(o: RunTestsOptions): Promise<TestReport> {
  const t0 = performance.now();
  const files = discover(o.paths, o.cwd);
  // Tracer threads start while the files load; never more than there is work for.
  prewarm(Math.min(o.jobs, files.length, availableParallelism()));
  const layers: Layer[] = [];
  if (Object.keys(o.cli).length) layers.push({ options: o.cli, source: "the command line" });
  const config = findConfig(o.cwd);
  if (config !== null && "layer" in config) layers.push(config.layer);
  const configModule = config !== null && "module" in config ? config.module : null;
  const collected = await collect(files, {
    config: configModule, cwd: o.cwd, loadTimeoutMs: o.loadTimeoutMs, signal: o.signal,
    layers: (value) => value === undefined ? layers : [...layers, configLayer(value, configModule!, `${configModule} (export default { … })`)],
  });
  if (collected.config !== null && "error" in collected.config) {
    throw new ConfigError(`Cannot load ${configModule}: ${collected.config.error}`);
  }
  const fileErrors: FileError[] = collected.fileErrors;
  let cases: CaseInfo[] = collected.cases;
  const found = cases.length;
  const all = cases;
  if (cases.some((c) => c.only)) cases = cases.filter((c) => c.only);
  if (o.filter) cases = cases.filter((c) => o.filter!.test(c.name));
  if (o.pick) cases = o.pick(cases, all);

  o.reporter.start({ files: files.length, cases: cases.length, jobs: o.jobs, plan: { files, cases } });
  fileErrors.forEach((e) => o.reporter.fileError(e));
  const results: CaseResult[] = [];
  const queue = cases.filter((c) => !c.skip);
  for (const c of cases.filter((c) => c.skip)) {
    const r = skipped(c);
    results.push(r);
    o.reporter.caseFinished(r);
  }
  // Where tracing is refused, every case would fail the same way: the run stops at the first.
  let untraceable: string | null = null;
  // A file that could not be loaded is the first failure already.
  let bailed = o.bail === true && fileErrors.length > 0;
  const worker = async () => {
    while (queue.length > 0 && !o.signal?.aborted && untraceable === null && !bailed) {
      const c = queue.shift()!;
      o.reporter.caseStarted(c);
      let r = await runCaseRuns(c, o).catch((error) => {
        if (!(error instanceof MeasureError && error.code === "EPERM_PTRACE")) throw error;
        untraceable ??= error.message;
        return judge(c, [{ measure: null, error: error.message, output: "" }], 0);
      });
      if (o.requireLimits) r = requireLimit(r);
      if (o.bail && r.status === "failed") bailed = true;
      results.push(r);
      o.reporter.caseFinished(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, queue.length)) }, worker));
  const notRun = bailed ? queue.length : 0;
  // Interrupted or bailed: the cases never started are reported as skipped, not left out.
  for (const c of queue.splice(0)) {
    const r = skipped(c);
    results.push(r);
    o.reporter.caseFinished(r);
  }
  // Every report lists the results in a stable order: by file, then as declared in it.
  const place = new Map(cases.map((c) => [caseKey(c), [files.indexOf(c.file), c.index]]));
  const at = (r: CaseResult) => place.get(caseKey(r)) ?? [files.length, 0];
  results.sort((a, b) => at(a)[0] - at(b)[0] || at(a)[1] - at(b)[1]);
  fileErrors.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const report: TestReport = {
    results, found, fileErrors, untraceable,
    passed: count("passed"), failed: count("failed") + fileErrors.length, skipped: count("skipped"),
    wallMs: Math.round(performance.now() - t0),
    ...(bailed ? { bailed: { notRun } } : {}),
  };
  o.reporter.finish(report);
  return report;
}

/** What tells a case apart in a run: its file, where it is declared, and its name. */
function caseKey(c: { file: string; location: string; name: string }): string {
  return `${c.file}\0${c.location}\0${c.name}`;
}

async function runCaseRuns(c: CaseInfo, o: RunTestsOptions): Promise<CaseResult> {
  const { signal, timeline, review } = o;
  const t0 = performance.now();
  const outcomes: RunOutcome[] = [];
  const run = async (n: number) => {
    for (let i = 0; i < n && !signal?.aborted; i++) {
      const outcome = await runIsolated(c, signal, { timeline, loadTimeoutMs: o.loadTimeoutMs });
      outcomes.push(outcome);
      if (outcome.error !== null) return;
    }
  };
  await run(c.options.runs);
  let result = judge(c, outcomes, performance.now() - t0);
  let added = 0;
  const more = review === undefined || outcomes.some((o) => o.error !== null) ? 0 : review.moreRuns(result, c);
  if (more > 0) {
    const before = outcomes.length;
    await run(more);
    added = outcomes.length - before;
    result = judge(c, outcomes, performance.now() - t0);
  }
  if (review !== undefined) result = review.final(result, c, added);
  if (!signal?.aborted) result = await withObjectTypes(result, outcomes, () => runIsolated(c, signal, { loadTimeoutMs: o.loadTimeoutMs, types: true }));
  // The timeline shown is the run whose peak is the median, the one the verdict names.
  const traced = outcomes.flatMap((o) => (o.measure !== null && o.trace !== undefined ? [{ peak: o.measure.peak, trace: o.trace }] : []));
  const median = traced.find((o) => o.peak === result.peak) ?? traced[traced.length - 1];
  return median ? { ...result, trace: median.trace } : result;
}
