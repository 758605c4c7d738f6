/**
 * `measure()` called inside a process memassert already traces (a test
 * case): that process cannot trace its own children, since the outer tracer
 * follows them already. So the command is simply spawned, and once it has
 * ended, the outer tracer is asked (a QUERY mark) for what it saw of it.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { assemble } from "./assemble.ts";
import { MARK, markNow, prepareMark } from "./mark.ts";
import { ANSWER_DIR_ENV, type MeasureOptions } from "./measure.ts";
import type { MeasureResult } from "./result.ts";
import type { SubtreeAnswer } from "./trace_types.ts";

type Options = MeasureOptions & { cwd: string; env: Record<string, string | undefined> };

export async function measureNested(argv: string[], path: string, answerDir: string, options: Options): Promise<MeasureResult> {
  await prepareMark();
  const t0 = performance.now();
  const env = { ...options.env };
  delete env[ANSWER_DIR_ENV];
  const stdio = [options.stdin, options.stdout, options.stderr].map((s) => s ?? "inherit") as ("inherit" | "ignore" | number)[];
  const child = spawn(path, argv.slice(1), { argv0: argv[0], cwd: options.cwd, env: env as NodeJS.ProcessEnv, stdio });
  let interrupted: string | null = null;
  const stop = (reason: string) => {
    interrupted ??= reason;
    child.kill("SIGKILL");
  };
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop("timeout"), options.timeoutMs);
  const onAbort = () => stop("aborted");
  options.signal?.addEventListener("abort", onAbort);
  try {
    await new Promise<void>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", () => resolve());
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
  const pid = child.pid!;
  markNow(MARK.QUERY, pid);
  const file = `${answerDir}/${pid}.json`;
  const answer = JSON.parse(readFileSync(file, "utf8")) as SubtreeAnswer;
  rmSync(file, { force: true });
  return assemble({
    argv, mode: "exact", rootPid: pid, processes: answer.processes,
    treePeakRss: answer.treePeakRss, treePeakPss: answer.treePeakPss, stops: answer.stops,
    wallMs: performance.now() - t0, interrupted, samples: null, marks: [], approximate: null,
  });
}
