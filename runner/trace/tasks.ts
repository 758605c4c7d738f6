/** What the tracer does to the tasks it traces, besides reading them: resume, refuse, kill. */
import { ERRNO, type Libc, PTRACE, PTRACE_GETREGS, PTRACE_SETREGS, REG_RETURN, REG_SYSCALL, SIG } from "../../ffi/mod.ts";
import { threadsOf, tracedBy } from "./procfs.ts";

export class Tasks {
  constructor(private readonly libc: Libc) {}

  /** Lets a stopped task run on, delivering `signal` (0: none). */
  resume(tid: number, signal: number): void {
    // ESRCH: the task was killed meanwhile; its exit is reported by wait4.
    this.libc.ptrace(PTRACE.CONT, tid, signal);
  }

  /**
   * A seccomp stop that a filter of the program's own made (SECCOMP_RET_TRACE): without a
   * tracer the call fails with ENOSYS, so it is skipped (syscall number -1) and made to return
   * -ENOSYS. `regs` is a buffer for the task's registers.
   */
  refuse(tid: number, regs: BigUint64Array): void {
    if (this.libc.ptraceOut(PTRACE_GETREGS, tid, regs) === 0) {
      regs[REG_SYSCALL] = 0xffffffffffffffffn;
      regs[REG_RETURN] = BigInt.asUintN(64, BigInt(-ERRNO.ENOSYS));
      this.libc.ptraceOut(PTRACE_SETREGS, tid, regs);
    }
    this.resume(tid, 0);
  }

  /**
   * Kills every task that thread `tracer` traces. A thread can sit in a ptrace stop with
   * SIGKILL pending (a new thread's first stop, an exit stop): SIGKILL does not end a ptrace
   * stop, so each thread is also resumed.
   */
  killTraced(tracer: number): void {
    for (const pid of tracedBy(tracer)) {
      this.libc.kill(pid, SIG.KILL);
      for (const tid of threadsOf(pid)) this.resume(tid, 0);
    }
  }
}
