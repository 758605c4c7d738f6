/**
 * Starting the traced root: the native routine forks, sets up the child (stdio, directory,
 * the seccomp filter) and, once this thread has seized it (PTRACE_SEIZE, with the options
 * that follow its whole tree), execs. The tracer then waits for the child's exec stop.
 *
 * Seizing rather than PTRACE_TRACEME is what lets a stopped tree stay stopped: only seized
 * tasks can be left in a group-stop (PTRACE_LISTEN) while still traced.
 */
import {
  ERRNO, type Libc, NativeError, PTRACE, PTRACE_EVENT, PTRACE_OPTIONS, SIG, seized, spawnBlock, spawnFailure, WAIT,
} from "../../ffi/mod.ts";
import { buildFilter } from "./seccomp.ts";
import { CONTROL, type TraceRequest } from "./types.ts";

/**
 * Starts the command of `request`. Returns its pid, stopped at its exec, or, when it was
 * killed before that (a cancel came first), its wait status in `died`. Throws a NativeError
 * naming the step that failed.
 */
export function startRoot(libc: Libc, request: TraceRequest, control: Int32Array, status: Int32Array): { pid: number; died: number | null } {
  const filter = buildFilter(libc.spawnExecveReturn, request.mode === "exact" && !request.lateExact);
  const block = spawnBlock(libc, { ...request.spawn, filter, seize: true });
  const pid = libc.spawn(block.args);
  if (pid < 0) throw new NativeError("clone", -pid, "cannot start " + request.spawn.path);
  Atomics.store(control, CONTROL.ROOT_PID, pid);
  const attached = libc.ptrace(PTRACE.SEIZE, pid, PTRACE_OPTIONS) === 0;
  const errno = attached ? 0 : libc.errno();
  seized(block, attached);
  let s: number;
  for (;;) {
    let got: number;
    while ((got = libc.wait4(pid, status, WAIT.ALL)) < 0 && libc.errno() === ERRNO.EINTR);
    if (got !== pid) throw new NativeError("wait4", libc.errno());
    s = status[0];
    // Killed before its exec (a cancel came first): it stops once more as it exits.
    if ((s & 0xff) !== 0x7f || (s >> 16) !== PTRACE_EVENT.EXIT) break;
    libc.ptrace(PTRACE.CONT, pid, 0);
  }
  if (!attached) throw new NativeError("ptrace(PTRACE_SEIZE)", errno, request.spawn.path);
  const failure = spawnFailure(block);
  if (failure) throw new NativeError(failure.step, failure.errno, request.spawn.path);
  if ((s & 0xff) !== 0x7f && (s & 0x7f) !== 0) return { pid, died: s };
  if ((s & 0xff) !== 0x7f || ((s >> 8) & 0xff) !== SIG.TRAP || (s >> 16) !== PTRACE_EVENT.EXEC) {
    libc.kill(pid, SIG.KILL);
    throw new Error(`unexpected first wait status ${s.toString(16)} of ${request.spawn.path}`);
  }
  return { pid, died: null };
}
