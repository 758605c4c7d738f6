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
export class MeasureError extends Error {
  readonly code: "ENOENT" | "EACCES" | "EPERM_PTRACE" | "ESPAWN";
  constructor(code: MeasureError["code"], message: string) {
    super(message);
    this.name = "MeasureError";
    this.code = code;
  }
}

/** The message for a system that refuses ptrace. */
export function ptraceDeniedMessage(errno: string): string {
  return `ptrace is not allowed here (${errno}): memassert traces with ptrace and a seccomp filter. ` +
    "Fix: set /proc/sys/kernel/yama/ptrace_scope to 0 or 1, or run the container with " +
    "--cap-add=SYS_PTRACE and a seccomp profile that allows ptrace; or measure approximately " +
    "without tracing: --mode sample (library: { mode: \"sample\" }).";
}
