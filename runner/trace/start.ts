/**
 * Starting the traced root: the native routine forks, sets up the child (stdio, directory,
 * ptrace, the seccomp filter) and execs; the tracer waits for the child's first stop after
 * its exec and sets the ptrace options that follow its whole tree.
 */
import { ERRNO, type Libc, NativeError, PTRACE, PTRACE_OPTIONS, SIG, spawnBlock, spawnFailure, WAIT } from "../../ffi/mod.ts";
import { buildFilter } from "./seccomp.ts";
import { CONTROL, type TraceRequest } from "./types.ts";

/**
 * Starts the command of `request`. Returns its pid, stopped after its exec with the options
 * set, or, when it was killed before that (a cancel came first), its wait status in `died`.
 * Throws a NativeError naming the step that failed.
 */
export function startRoot(libc: Libc, request: TraceRequest, control: Int32Array, status: Int32Array): { pid: number; died: number | null } {
  const filter = buildFilter(libc.spawnExecveReturn, request.mode === "exact" && !request.lateExact);
  const block = spawnBlock(libc, { ...request.spawn, filter });
  const pid = libc.spawn(block.args);
  if (pid < 0) throw new NativeError("clone", -pid, "cannot start " + request.spawn.path);
  Atomics.store(control, CONTROL.ROOT_PID, pid);
  const failure = spawnFailure(block);
  if (failure) {
    libc.wait4(pid, status, WAIT.ALL);
    throw new NativeError(failure.step, failure.errno, request.spawn.path);
  }
  // The child stops with SIGTRAP once execve has succeeded.
  let got: number;
  while ((got = libc.wait4(pid, status, WAIT.ALL)) < 0 && libc.errno() === ERRNO.EINTR);
  if (got !== pid) throw new NativeError("wait4", libc.errno());
  const s = status[0];
  if ((s & 0xff) !== 0x7f && (s & 0x7f) !== 0) return { pid, died: s };
  if ((s & 0xff) !== 0x7f || ((s >> 8) & 0xff) !== SIG.TRAP) {
    throw new Error(`unexpected first wait status ${s.toString(16)} of ${request.spawn.path}`);
  }
  if (libc.ptrace(PTRACE.SETOPTIONS, pid, PTRACE_OPTIONS) < 0) {
    const errno = libc.errno();
    libc.kill(pid, SIG.KILL);
    throw new NativeError("ptrace(PTRACE_SETOPTIONS)", errno);
  }
  return { pid, died: null };
}
