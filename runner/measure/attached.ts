/**
 * Measuring a process that is already running (`memassert run --attach PID`): the trace
 * (runner/trace/attach.ts) on this thread, Ctrl-C and SIGTERM caught natively to detach, and
 * the result labelled with how it was measured.
 */
import { formatBytes } from "../budget/bytes.ts";
import { assemble } from "./assemble.ts";
import { MeasureError, ptraceDeniedMessage } from "./errors.ts";
import type { MeasureResult } from "./result.ts";
import { cmdlineOf } from "../trace/procfs.ts";

/**
 * Attaches to `pid` and measures it, and the children it starts from now on, until it exits
 * or a SIGINT, SIGTERM or SIGHUP comes (then detaches; `interrupted` names the signal).
 * Throws a RangeError for a process that ended before it could be attached, a MeasureError
 * (EPERM_PTRACE) where ptrace is not allowed.
 *
 * @example
 * ```ts
 * const r = await measureAttached(4242); // Ctrl-C to detach
 * console.log(r.root.peakRss, r.mode); // … "attach"
 * ```
 */
export async function measureAttached(pid: number): Promise<MeasureResult> {
  const argv = cmdlineOf(pid);
  const [{ loadLibc, NativeError }, { attach }] = await Promise.all([import("../../ffi/mod.ts"), import("../trace/attach.ts")]);
  const libc = await loadLibc();
  const restore = libc.catchSignals([1, 2, 15]);
  let data;
  try {
    data = attach(libc, pid);
  } catch (error) {
    if (error instanceof NativeError && error.errno === 1) throw new MeasureError("EPERM_PTRACE", ptraceDeniedMessage(error.message));
    if (error instanceof NativeError && error.errno === 3) throw new RangeError(`process ${pid} ended before it could be attached`);
    throw error;
  } finally {
    restore();
  }
  const note = `attached to process ${pid} while it ran: peaks count from then on (its high-water RSS until then, VmHWM, was ${formatBytes(data.hwmBefore)}), read at the entry of every system call that can lower RSS, from stops at every system call (PTRACE_SYSCALL; no seccomp filter can be added to a running process); children it had started before are not followed`;
  return assemble({ ...data, argv, mode: "attach", interrupted: data.cancelled, approximate: note });
}
