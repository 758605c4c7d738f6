/**
 * `measure()` called inside a process memassert already traces (a test
 * case): that process cannot trace its own children, since the outer tracer
 * follows them already. So the command is simply spawned, and once it has
 * ended, the outer tracer is asked (a QUERY mark) for what it saw of it.
 */
import { readFileSync, rmSync } from "node:fs";
import { MARK, markNow, prepareMark } from "../trace/mark.ts";
import type { SubtreeAnswer } from "../trace/types.ts";
import { assemble } from "./assemble.ts";
import { startChild } from "./child.ts";
import { ANSWER_DIR_ENV, type MeasureOptions } from "./options.ts";
import type { MeasureResult } from "./result.ts";

type Options = MeasureOptions & { cwd: string; env: Record<string, string | undefined> };

export async function measureNested(argv: string[], path: string, answerDir: string, options: Options): Promise<MeasureResult> {
  await prepareMark();
  const t0 = performance.now();
  const env = { ...options.env };
  delete env[ANSWER_DIR_ENV];
  const child = startChild(argv, path, { ...options, env, handleSignals: false });
  await child.ended;
  markNow(MARK.QUERY, child.pid);
  const file = `${answerDir}/${child.pid}.json`;
  const answer = JSON.parse(readFileSync(file, "utf8")) as SubtreeAnswer;
  rmSync(file, { force: true });
  return assemble({
    argv, mode: "exact", rootPid: child.pid, processes: answer.processes,
    treePeakRss: answer.treePeakRss, treePeakPss: answer.treePeakPss, stops: answer.stops,
    wallMs: performance.now() - t0, interrupted: child.interrupted(), timeline: null, marks: [], warnings: [], approximate: null,
    kernel: answer.kernel,
  });
}
