/**
 * The runner's side of the isolated-case protocol: start a case's process
 * under the tracer, and read from the marks it made what the case used.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatBytes } from "../budget/bytes.ts";
import type { ResolvedOptions, RunOutcome } from "../budget/types.ts";
import { measure } from "../measure/measure.ts";
import { cutTimeline } from "../measure/timeline.ts";
import { ANSWER_DIR_ENV } from "../measure/options.ts";
import { entryCommand, RUNTIME_ENTRIES } from "../trace/entry.ts";
import { MARK } from "../trace/mark.ts";
import type { ChildVerdict } from "./child.ts";

/** The case to run: which file, which of its cases, and its limits. */
export interface IsolatedCase {
  file: string;
  /** Position of the case among the file's declarations. */
  index: number;
  name: string;
  options: ResolvedOptions;
}

/** How to start a case's process: this executable, or the runtime on the case entry point. */
export function caseCommand(): string[] {
  return entryCommand(RUNTIME_ENTRIES.caseMain, "__case");
}

/** Runs `c` once in a traced process of its own; never throws for a failing case. With `timeline`, records the case's RSS over time. */
export async function runIsolated(c: IsolatedCase, signal: AbortSignal | undefined, timeline?: { intervalMs?: number }): Promise<RunOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "memassert-case-"));
  const verdictPath = join(dir, "verdict.json");
  const outputPath = join(dir, "output.txt");
  const outFd = openSync(outputPath, "w");
  try {
    const r = await measure([...caseCommand(), c.file, String(c.index), c.name, verdictPath], {
      cwd: process.cwd(),
      env: { ...process.env, [ANSWER_DIR_ENV]: dir },
      stdin: "ignore", stdout: outFd, stderr: outFd,
      timeoutMs: c.options.timeout,
      killAbove: c.options.killAbove ?? undefined,
      answerDir: dir,
      lateExact: true,
      signal,
      timeline: timeline !== undefined,
      intervalMs: timeline?.intervalMs,
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
      ...(r.timeline ? { trace: { timeline: cutTimeline(r.timeline, start.ms, end.ms), processes: r.processes } } : {}),
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
