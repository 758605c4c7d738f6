/**
 * `memassert test`: finds the cases, runs each (times its runs) in a traced
 * process of its own, `jobs` at a time, and judges them against their limits.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatBytes } from "../bytes.ts";
import { MARK } from "../mark.ts";
import { ANSWER_DIR_ENV, measure } from "../measure.ts";
import type { ChildVerdict } from "./child.ts";
import { collect } from "./collect.ts";
import { loadConfig } from "./config.ts";
import { discover } from "./discover.ts";
import { judge, type RunOutcome, skipped } from "./judge.ts";
import type { Layer } from "./options.ts";
import { prewarm } from "../worker_pool.ts";
import type { Reporter } from "./reporter.ts";
import type { CaseInfo, CaseOptions, CaseResult, FileError, TestReport } from "./types.ts";

export interface RunTestsOptions {
  paths: string[];
  cwd: string;
  /** Cases run at once. */
  jobs: number;
  /** Only cases whose name matches. */
  filter: RegExp | null;
  /** Options from the command line (--runs, --timeout, --kill-above). */
  cli: CaseOptions;
  reporter: Reporter;
  /** Stop scheduling new cases (Ctrl-C); running ones are killed by their own tracer. */
  signal?: AbortSignal;
}

/** Runs the tests and returns the report; never throws for a failing case. */
export async function runTests(o: RunTestsOptions): Promise<TestReport> {
  const t0 = performance.now();
  const files = discover(o.paths, o.cwd);
  if (files.length > 0) prewarm(Math.max(1, o.jobs));
  const layers: Layer[] = [];
  if (Object.keys(o.cli).length) layers.push({ options: o.cli, source: "the command line" });
  const config = await loadConfig(o.cwd);
  if (config) layers.push(config);

  const fileErrors: FileError[] = [];
  let cases: CaseInfo[] = [];
  for (const file of files) {
    const found = await collect(file, layers);
    if (Array.isArray(found)) cases.push(...found);
    else fileErrors.push(found);
  }
  const found = cases.length;
  if (cases.some((c) => c.only)) cases = cases.filter((c) => c.only);
  if (o.filter) cases = cases.filter((c) => o.filter!.test(c.name));

  o.reporter.start({ files: files.length, cases: cases.length, jobs: o.jobs });
  fileErrors.forEach((e) => o.reporter.fileError(e));
  const results: CaseResult[] = [];
  const queue = cases.filter((c) => !c.skip);
  for (const c of cases.filter((c) => c.skip)) {
    const r = skipped(c);
    results.push(r);
    o.reporter.caseFinished(r);
  }
  const worker = async () => {
    while (queue.length > 0 && !o.signal?.aborted) {
      const c = queue.shift()!;
      o.reporter.caseStarted(c);
      const r = await runCaseRuns(c, o.signal);
      results.push(r);
      o.reporter.caseFinished(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  // Interrupted: the cases never started are reported as skipped, not left out.
  for (const c of queue.splice(0)) {
    const r = skipped(c);
    results.push(r);
    o.reporter.caseFinished(r);
  }
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const report: TestReport = {
    results, found, fileErrors,
    passed: count("passed"), failed: count("failed") + fileErrors.length, skipped: count("skipped"),
    wallMs: Math.round(performance.now() - t0),
  };
  o.reporter.finish(report);
  return report;
}

async function runCaseRuns(c: CaseInfo, signal: AbortSignal | undefined): Promise<CaseResult> {
  const t0 = performance.now();
  const outcomes: RunOutcome[] = [];
  for (let i = 0; i < c.options.runs; i++) {
    const outcome = await runOnce(c, signal);
    outcomes.push(outcome);
    if (outcome.error !== null) break;
  }
  return judge(c, outcomes, performance.now() - t0);
}

/** How to start a case's process: this executable, or the runtime on child_main.ts. */
export function childCommand(): string[] {
  const g = globalThis as { Deno?: { execPath(): string } };
  // child_main.ts beside this file from source, child_main.js beside this chunk in the package bundle.
  const main = new URL(`./child_main.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);
  if (g.Deno) {
    // Cases run with the runner's own V8 flags (Deno keeps one code cache per set of flags):
    // a runner started with --v8-flags=--expose-gc gives its cases V8's fast gc().
    const flags = typeof (globalThis as { gc?: unknown }).gc === "function" ? ["--v8-flags=--expose-gc"] : [];
    return [g.Deno.execPath(), "run", "-A", ...flags, main.pathname];
  }
  if (import.meta.url.includes("/$bunfs/")) return [process.execPath, "__case"];
  return [process.execPath, main.pathname];
}

async function runOnce(c: CaseInfo, signal: AbortSignal | undefined): Promise<RunOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "memassert-case-"));
  const verdictPath = join(dir, "verdict.json");
  const outputPath = join(dir, "output.txt");
  const outFd = openSync(outputPath, "w");
  try {
    const r = await measure([...childCommand(), c.file, String(c.index), c.name, verdictPath], {
      cwd: process.cwd(),
      env: { ...process.env, [ANSWER_DIR_ENV]: dir },
      stdin: "ignore", stdout: outFd, stderr: outFd,
      timeoutMs: c.options.timeout,
      killAbove: c.options.killAbove ?? undefined,
      answerDir: dir,
      lateExact: true,
      signal,
    });
    const output = tail(readFileSync(outputPath, "utf8"));
    const marks = (r.marks ?? []).filter((m) => m.pid === r.root.pid);
    const start = marks.find((m) => m.id === MARK.CASE_START);
    const end = marks.find((m) => m.id === MARK.CASE_END);
    if (r.interrupted === "timeout") return { measure: null, error: `timed out after ${c.options.timeout} ms (set { timeout } or --timeout)`, output };
    if (r.interrupted === "kill-above") {
      const why = c.options.killAboveSource;
      return { measure: null, error: `killed: its memory passed ${formatBytes(c.options.killAbove ?? 0)} (${why})`, output };
    }
    if (r.interrupted === "aborted") return { measure: null, error: "interrupted: the test run was stopped before this case ended", output };
    if (r.interrupted) return { measure: null, error: `interrupted (${r.interrupted})`, output };
    if (!start || !end) {
      const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.exitCode}`;
      return { measure: null, error: `the case's process ${how} before the case finished`, output };
    }
    const verdict = JSON.parse(readFileSync(verdictPath, "utf8")) as ChildVerdict;
    return {
      measure: { peak: end.peakRss, growth: end.peakRss - start.rss, baseline: start.rss, treePeak: end.treePeakRss, wallMs: r.wallMs },
      error: verdict.error,
      output,
    };
  } finally {
    closeSync(outFd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The last lines of what a case printed. */
function tail(text: string, max = 8192): string {
  return text.length > max ? "…" + text.slice(-max) : text;
}
