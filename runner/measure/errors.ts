/**
 * The error callers of `measure()` catch. `code` is stable:
 * - "ENOENT": the command was not found;
 * - "EACCES": it was found but cannot be executed;
 * - "EPERM_PTRACE": this system does not allow tracing (the message says how to fix it);
 * - "ESPAWN": the child could not be set up (the message names the step and errno).
 *
 * @example
 * ```ts
 * import { measure, MeasureError } from "memassert";
 * try {
 *   await measure(["./build.sh"]);
 * } catch (e) {
 *   if (e instanceof MeasureError && e.code === "EPERM_PTRACE") await measure(["./build.sh"], { mode: "sample" });
 *   else throw e;
 * }
 * ```
 */
import { tracerOf } from "../trace/procfs.ts";

export class MeasureError extends Error {
  readonly code: "ENOENT" | "EACCES" | "EPERM_PTRACE" | "ESPAWN";
  constructor(code: MeasureError["code"], message: string) {
    super(message);
    this.name = "MeasureError";
    this.code = code;
  }
}

/** The message for a system that refuses ptrace, or for a memassert that is itself traced. */
export function ptraceDeniedMessage(errno: string): string {
  const tracer = tracerOf("self");
  if (tracer !== 0) {
    return `memassert cannot trace (${errno}): it is itself being traced, by process ${tracer} ` +
      "(strace, gdb, or another memassert), and a process can have only one tracer. Fix: run memassert " +
      "outside that tracer; or measure approximately without tracing: --mode sample (library: { mode: \"sample\" }).";
  }
  return `ptrace is not allowed here (${errno}): memassert traces with ptrace and a seccomp filter. ` +
    "Fix: set /proc/sys/kernel/yama/ptrace_scope to 0 or 1, or run the container with " +
    "--cap-add=SYS_PTRACE and a seccomp profile that allows ptrace; or measure approximately " +
    "without tracing: --mode sample (library: { mode: \"sample\" }).";
}
