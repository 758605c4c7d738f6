/**
 * The runner's side of the isolated-case protocol: start a case's process under the tracer,
 * naming its case in a request file (runner/case/request.ts), and read from the marks it made
 * what the case used. `memassert test` and every plugin go through {@link runCaseProcess}.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatBytes } from "../budget/bytes.ts";
import { DEFAULT_LOAD_TIMEOUT_MS } from "../budget/limits.ts";
import type { LeakSeries, ResolvedOptions, RunOutcome } from "../budget/types.ts";
import { measure } from "../measure/measure.ts";
import { cutTimeline } from "../measure/timeline.ts";
import { ANSWER_DIR_ENV } from "../measure/options.ts";
import { entryCommand, RUNTIME_ENTRIES } from "../trace/entry.ts";
import { MARK } from "../trace/mark.ts";
import { denoConfigFlags } from "./deno_config.ts";
import { type CaseRequest, type ChildVerdict, writeRequest } from "./request.ts";

/** The case to run: which file, which of its cases, and its limits. */
export interface IsolatedCase {
  file: string;
  /** Position of the case among the file's declarations. */
  index: number;
  name: string;
  options: ResolvedOptions;
}

/** A case's process to start, for any front end. */
export interface CaseProcess {
  /** How to start it; the request is named in its environment, never on this command line. */
  command: string[];
  /** Which case it runs (the verdict's path is added here). */
  request: Omit<CaseRequest, "verdict">;
  cwd: string;
  env: Record<string, string | undefined>;
  options: ResolvedOptions;
  /** The process adds the exact filter itself when its case starts (Bun and Deno do; Node cannot). */
  lateExact: boolean;
  /** Arguments that name files in the case's own directory, added to `command`. */
  args?(dir: string): string[];
  /** Record the case's RSS over time (for the HTML report and sparklines). */
  timeline?: { intervalMs?: number };
  /** How the user changes the timeout, said when a case times out (default: `memassert test`'s options). */
  timeoutHint?: string;
  /** Count the heap's objects by type before and after the case (a run made again for a failed case). */
  types?: boolean;
  /**
   * Milliseconds the process may take to reach its case (load the file, settle the heap);
   * the case's own timeout counts from its start. Default: {@link DEFAULT_LOAD_TIMEOUT_MS}.
   */
  loadTimeoutMs?: number;
  /** How the user changes the load timeout, said when it is up (default: `memassert test`'s option). */
  loadTimeoutHint?: string;
  /** Reads what the process left in its directory, before the directory is removed; added to `extra`. */
  collect?(dir: string): Record<string, unknown>;
}

/** What one run gave, with what the case's process added to its verdict. */
export type ProcessOutcome = RunOutcome & { extra?: Record<string, unknown> };

/**
 * How to start a case's process for `memassert test` in `cwd`: this executable, or the runtime
 * on the case entry point (under Deno, with the project's config).
 */
export function caseCommand(cwd: string): string[] {
  return entryCommand(RUNTIME_ENTRIES.caseMain, "__case", denoConfigFlags(cwd));
}

/** `memassert test`: runs `c` once in a traced process of its own; never throws for a failing case. With `timeline`, records the case's RSS over time. */
export function runIsolated(
  c: IsolatedCase,
  signal: AbortSignal | undefined,
  o: { timeline?: { intervalMs?: number }; loadTimeoutMs?: number; types?: boolean } = {},
): Promise<RunOutcome> {
  const { timeline, loadTimeoutMs, types } = o;
  return runCaseProcess({
    loadTimeoutMs,
    command: caseCommand(process.cwd()),
    request: { file: c.file, index: c.index, name: c.name },
    cwd: process.cwd(),
    env: process.env,
    options: c.options,
    lateExact: true,
    timeline,
    types,
  }, signal);
}

/** Runs a case's process once, traced; never throws for a failing case. */
export async function runCaseProcess(p: CaseProcess, signal: AbortSignal | undefined): Promise<ProcessOutcome> {
  const timeline = p.timeline;
  const dir = mkdtempSync(join(tmpdir(), "memassert-case-"));
  const verdictPath = join(dir, "verdict.json");
  const outputPath = join(dir, "output.txt");
  const outFd = openSync(outputPath, "w");
  const o = p.options;
  try {
    const plan = o.warmup > 0 || o.leakRuns !== null || p.types ? { plan: { warmup: o.warmup, leakRuns: o.leakRuns ?? 1, types: p.types } } : {};
    const named = writeRequest(dir, { ...p.request, ...plan, verdict: verdictPath });
    const r = await measure([...p.command, ...(p.args?.(dir) ?? [])], {
      cwd: p.cwd,
      env: { ...p.env, ...named, [ANSWER_DIR_ENV]: dir },
      stdin: "ignore", stdout: outFd, stderr: outFd,
      // The case's timeout is for its body: loading its file has a limit of its own.
      timeoutMs: o.timeout,
      timeoutBetween: { start: MARK.CASE_START, end: MARK.CASE_END, outsideMs: p.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS },
      killAbove: o.killAbove ?? undefined,
      answerDir: dir,
      lateExact: p.lateExact,
      // A process that cannot add the exact filter has no FFI either (Node): it marks with kill().
      markByKill: !p.lateExact,
      signal,
      timeline: timeline !== undefined,
      intervalMs: timeline?.intervalMs,
    });
    const output = tail(readFileSync(outputPath, "utf8"));
    const collected = p.collect?.(dir);
    const marks = (r.marks ?? []).filter((m) => m.pid === r.root.pid);
    const start = marks.find((m) => m.id === MARK.CASE_START);
    const end = marks.find((m) => m.id === MARK.CASE_END);
    const settled = marks.find((m) => m.id === MARK.CASE_SETTLED);
    if (r.interrupted === "timeout") return { measure: null, error: `timed out after ${o.timeout} ms (${p.timeoutHint ?? "set { timeout } or --timeout"})`, output };
    if (r.interrupted === "load-timeout") {
      const ms = p.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
      return { measure: null, error: `its file did not finish loading within ${ms} ms, before the case could start (${p.loadTimeoutHint ?? "give it longer with --load-timeout"})`, output };
    }
    if (r.interrupted === "exit-timeout") {
      const ms = p.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
      return { measure: null, error: `its process did not end within ${ms} ms after the case did (a teardown that never finished?)`, output };
    }
    if (r.interrupted === "kill-above") {
      // What it had reached when it was caught, beyond the limit by as much as it grew meanwhile.
      const reached = Math.max(r.root.peakRss, r.tree.peakRss);
      return { measure: null, error: `killed at ${formatBytes(reached)} of RSS: its memory passed ${formatBytes(o.killAbove ?? 0)} (${o.killAboveSource})`, output };
    }
    if (r.interrupted === "aborted") return { measure: null, error: "interrupted: the test run was stopped before this case ended", output };
    if (r.interrupted) return { measure: null, error: `interrupted (${r.interrupted})`, output };
    const found = readVerdict(verdictPath);
    const verdict = found && collected ? { ...found, extra: { ...found.extra, ...collected } } : found;
    if (!start || !end) {
      if (verdict?.error) return { measure: null, error: verdict.error, output, extra: verdict.extra };
      const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.exitCode}`;
      return { measure: null, error: `the case's process ${how} before the case finished`, output };
    }
    if (verdict === null) return { measure: null, error: "the case's process wrote no verdict", output };
    return {
      measure: {
        peak: end.peakRss, growth: end.peakRss - start.rss, baseline: start.rss, treePeak: end.treePeakRss, wallMs: r.wallMs,
        retained: settled ? settled.rss - start.rss : null,
        heapRetained: verdict.heap?.after != null && verdict.heap.before != null ? verdict.heap.after - verdict.heap.before : null,
        ...(o.leakRuns !== null && settled ? { leak: leakSeries(verdict, start.rss, [settled, ...marks.filter((m) => m.id === MARK.LEAK_RUN)]) } : {}),
      },
      error: verdict.error,
      output,
      extra: verdict.extra,
      ...(verdict.types !== undefined ? { types: verdict.types } : {}),
      ...(r.timeline ? { trace: { timeline: cutTimeline(r.timeline, start.ms, end.ms), processes: r.processes } } : {}),
    };
  } finally {
    closeSync(outFd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the case retained after each run, from the heap its process read and the RSS at each mark after a run. */
function leakSeries(v: ChildVerdict, startRss: number, after: { rss: number }[]): LeakSeries {
  const before = v.heap?.before ?? null;
  const heaps = [v.heap?.after ?? null, ...(v.heapAfterRuns ?? [])];
  return {
    heapRetained: heaps.map((h) => (h !== null && before !== null ? h - before : null)),
    retained: after.map((m) => m.rss - startRss),
  };
}

function readVerdict(path: string): ChildVerdict | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as ChildVerdict;
  } catch {
    return null;
  }
}

/** The last lines of what a case printed. */
function tail(text: string, max = 8192): string {
  return text.length > max ? "…" + text.slice(-max) : text;
}
