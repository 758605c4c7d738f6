/** `memassert run --attach PID`: its option checked, and what it cannot be combined with. */
import { readProc, tracerOf } from "../trace/procfs.ts";
import { UsageError } from "./io.ts";

/** Options that need a command memassert starts, or that measure it more than once. */
const NOT_WITH_ATTACH = ["--mode", "--timeline", "--report", "--interval", "--runs", "--warmup", "--export-json", "--export-markdown", "--name"];

/**
 * The pid of `--attach PID`, or null when not given. A UsageError for a command given too,
 * an option that does not apply, or a process that cannot be attached to.
 */
export function parseAttach(values: Map<string, string | true>, command: string[]): number | null {
  const text = values.get("--attach");
  if (text === undefined) return null;
  if (command.length > 0) throw new UsageError(`--attach ${text} measures a running process: give no command (or leave out --attach)`);
  const other = NOT_WITH_ATTACH.find((o) => values.has(o));
  if (other !== undefined) throw new UsageError(`${other} does not apply to --attach, which measures one running process in the one way it can (stops at every system call)`);
  const pid = /^\d+$/.test(String(text)) ? Number(text) : NaN;
  const problem = attachProblem(pid);
  if (problem !== null) throw new UsageError(`--attach ${text}: ${problem}`);
  return pid;
}

/** Why `pid` cannot be attached to (no such process, memassert itself, already traced), or null. */
function attachProblem(pid: number): string | null {
  if (!Number.isSafeInteger(pid) || pid <= 0) return `${pid} is not a process id`;
  if (pid === process.pid) return `${pid} is memassert itself`;
  if (readProc(`/proc/${pid}/stat`) === null) return `no process ${pid} (check it with ps -p ${pid})`;
  const tracer = tracerOf(pid);
  if (tracer !== 0) return `process ${pid} is already traced by ${tracer} (a debugger, strace or another memassert): a process has one tracer at a time`;
  return null;
}
