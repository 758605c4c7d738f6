/**
 * `memassert run --attach PID`: traces a process that is already running, and the children
 * it starts from then on, until it exits or memassert is told to stop. No seccomp filter can
 * be added to a running process, so every thread stops at every system call
 * (PTRACE_SYSCALL), and RSS is read at the entry of those that can lower it, as the exact
 * mode's filter would have stopped them. On a stop request every thread is detached, left
 * running as it was (or in the group-stop it was in).
 */
import {
  ERRNO, type Libc, NativeError, PTRACE, PTRACE_ATTACH_OPTIONS, PTRACE_EVENT as EV, PTRACE_GETREGS, REG_RETURN, REG_SYSCALL, SIG,
  SYS_X86_64 as X64, USER_REGS_WORDS, WAIT,
} from "../../ffi/mod.ts";
import { ProcReader, threadsOf } from "./procfs.ts";
import type { Proc } from "./process.ts";
import { type Drop, Readings } from "./readings.ts";
import type { TraceData } from "./types.ts";

/** 64-bit calls at whose entry memory may drop: the stopped process's, or any (a SIGKILL). */
const DROPS = new Map<number, Drop>([
  ...[X64.munmap, X64.mremap, X64.madvise, X64.brk, X64.mmap, X64.shmdt, X64.truncate, X64.ftruncate, X64.fallocate,
    X64.remap_file_pages, X64.process_madvise, X64.execve, X64.execveat].map((nr): [number, Drop] => [nr, "self"]),
  ...[X64.kill, X64.tkill, X64.tgkill, X64.pidfd_send_signal].map((nr): [number, Drop] => [nr, "all"]),
]);
/** A syscall-entry stop's rax on x86_64: -ENOSYS, until the call returns. */
const ENTRY_RAX = BigInt.asUintN(64, BigInt(-ERRNO.ENOSYS));
/** A syscall stop's signal under PTRACE_O_TRACESYSGOOD. */
const SYSCALL_TRAP = SIG.TRAP | 0x80;
const SIGNAL_NAMES: Record<number, string> = { [SIG.HUP]: "SIGHUP", [SIG.INT]: "SIGINT", [SIG.TERM]: "SIGTERM" };

/** What attaching found besides the trace: the root's high-water RSS before memassert came. */
export interface AttachData extends TraceData {
  /** VmHWM of the process when it was attached: what it may have reached before. */
  hwmBefore: number;
}

/**
 * Attaches to every thread of `pid` and traces until the tree has ended, or until a signal
 * caught with `libc.catchSignals` (then everything is detached, and `cancelled` names it).
 * Throws a NativeError for a process that cannot be attached (ptrace(PTRACE_SEIZE): EPERM).
 */
export function attach(libc: Libc, pid: number): AttachData {
  return new Attacher(libc, pid).run();
}

class Attacher {
  private readonly proc: ProcReader;
  private readonly r: Readings;
  private readonly status = new Int32Array(new ArrayBuffer(4));
  private readonly msg = new BigUint64Array(new ArrayBuffer(8));
  private readonly regs = new BigUint64Array(new ArrayBuffer(USER_REGS_WORDS * 8));
  private readonly byTid = new Map<number, Proc>();
  private readonly early = new Set<number>();
  private readonly announced = new Set<number>();
  private cancelled: string | null = null;

  constructor(private readonly libc: Libc, private readonly pid: number) {
    this.proc = new ProcReader(libc);
    this.r = new Readings(this.proc, { subtrees: false, libc, kernelRss: process.env.MEMASSERT_KERNEL_RSS, countFaults: false });
  }

  run(): AttachData {
    const status = this.proc.text(`/proc/${this.pid}/status`);
    const hwmBefore = status === null ? 0 : (Number(/\nVmHWM:\s+(\d+)/.exec(status)?.[1]) || 0) * 1024;
    const root = this.seizeAll();
    root.images.push(this.proc.cmdline(this.pid));
    this.r.stop(root, "self"); // a first reading, PSS too
    for (;;) {
      const caught = this.libc.caughtSignal();
      if (caught !== 0) {
        this.cancelled = SIGNAL_NAMES[caught] ?? "aborted";
        this.detachAll();
        break;
      }
      const tid = this.libc.waitAny(this.status, WAIT.ALL | WAIT.NOTHREAD);
      if (tid < 0) {
        if (tid === -ERRNO.EINTR) continue;
        if (tid === -ERRNO.ECHILD) break;
        throw new NativeError("wait4", -tid);
      }
      this.handle(tid, this.status[0]);
    }
    return { rootPid: this.pid, cancelled: this.cancelled, warnings: [], hwmBefore, ...this.r.finish() };
  }

  /** Seizes every thread of the process (again while new ones appear), and stops each once to start its syscall stops. */
  private seizeAll(): Proc {
    const root = this.r.add(this.pid, null, this.proc.openStatm(this.pid));
    root.tids.clear();
    for (let round = 0; round < 100; round++) {
      const fresh = threadsOf(this.pid).filter((tid) => !root.tids.has(tid));
      if (fresh.length === 0) break;
      for (const tid of fresh) {
        if (this.libc.ptrace(PTRACE.SEIZE, tid, PTRACE_ATTACH_OPTIONS) !== 0) {
          const errno = this.libc.errno();
          if (errno === ERRNO.ESRCH) continue; // a thread that has just exited
          for (const t of root.tids) this.libc.ptrace(PTRACE.DETACH, t, 0);
          throw new NativeError("ptrace(PTRACE_SEIZE)", errno, `process ${this.pid}`);
        }
        root.tids.add(tid);
        this.byTid.set(tid, root);
        this.libc.ptrace(PTRACE.INTERRUPT, tid, 0);
      }
    }
    if (root.tids.size === 0) throw new NativeError("ptrace(PTRACE_SEIZE)", ERRNO.ESRCH, `process ${this.pid}`);
    if (!root.tids.has(this.pid)) root.statmTid = [...root.tids][0];
    return root;
  }

  private resume(tid: number, signal: number): void {
    const p = this.byTid.get(tid);
    if (p !== undefined) p.ptraceStops++;
    this.libc.ptrace(PTRACE.SYSCALL, tid, signal);
  }

  private handle(tid: number, s: number): void {
    if ((s & 0xff) !== 0x7f) return this.ended(tid, s);
    const signal = (s >> 8) & 0xff, event = (s >> 16) & 0xff;
    const p = this.byTid.get(tid);
    if (p === undefined) {
      this.early.add(tid);
      return;
    }
    if (event === 0 && signal === SYSCALL_TRAP) return this.syscallStop(p, tid);
    switch (event) {
      case EV.EXIT:
        this.r.stop(p, "self", p.tids.size === 1);
        if (tid === p.statmTid && p.tids.size > 1) this.r.readThrough(p, tid);
        this.r.usage.exited(p, tid);
        return this.resume(tid, 0);
      case EV.FORK: case EV.VFORK: case EV.CLONE: return this.created(p, tid, event);
      case EV.EXEC: return this.execed(p, tid);
      case EV.STOP:
        if (this.announced.delete(tid) || signal < SIG.STOP || signal > SIG.TTOU) return this.resume(tid, 0);
        this.libc.ptrace(PTRACE.LISTEN, tid, 0); // a group-stop stays one until SIGCONT
        return;
      case 0: return this.resume(tid, signal); // a signal, delivered
      default: return this.resume(tid, 0);
    }
  }

  private syscallStop(p: Proc, tid: number): void {
    if (this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs) === 0 && this.regs[REG_RETURN] === ENTRY_RAX) {
      const drop = DROPS.get(Number(this.regs[REG_SYSCALL]));
      if (drop !== undefined) this.r.stop(p, drop);
    }
    this.resume(tid, 0);
  }

  private created(parent: Proc, tid: number, event: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const child = Number(this.msg[0]);
    if (event === EV.CLONE && this.proc.isThreadOf(child, parent.pid)) {
      parent.tids.add(child);
      this.byTid.set(child, parent);
    } else {
      parent.sharingChanged = true;
      const p = this.r.add(child, parent, this.proc.openStatm(child));
      this.byTid.set(child, p);
      p.images.push(parent.images[parent.images.length - 1] ?? []);
      if (event === EV.VFORK) this.r.share(p, parent);
    }
    if (this.early.delete(child)) this.resume(child, 0);
    else this.announced.add(child);
    this.resume(tid, 0);
  }

  private execed(p: Proc, tid: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const former = Number(this.msg[0]);
    if (former !== p.pid) this.byTid.delete(former);
    this.byTid.set(p.pid, p);
    this.r.share(p, null);
    p.sharingChanged = true;
    p.stale = true;
    p.tids.clear();
    p.tids.add(p.pid);
    if (p.statmTid !== p.pid) this.r.readThrough(p, -1);
    this.r.usage.execed(p);
    p.images.push(this.proc.cmdline(p.pid));
    this.resume(tid, 0);
  }

  private ended(tid: number, s: number): void {
    const p = this.byTid.get(tid);
    this.byTid.delete(tid);
    if (p === undefined) return;
    if (tid !== p.pid) {
      p.tids.delete(tid);
      return;
    }
    if ((s & 0x7f) === 0) p.exitCode = (s >> 8) & 0xff;
    else p.signal = s & 0x7f;
    this.r.remove(p);
    if (p.parent !== null) p.parent.sharingChanged = true;
  }

  /**
   * Stops every traced thread (PTRACE_INTERRUPT) and detaches each at its next stop, with
   * the signal it was about to get. A child created meanwhile is attached by the kernel: it
   * is detached at its first stop too. Nothing is left stopped by memassert.
   */
  private detachAll(): void {
    const pending = new Set(this.byTid.keys());
    for (const tid of pending) this.libc.ptrace(PTRACE.INTERRUPT, tid, 0);
    // New tasks whose first stop came already: stopped now, and no other stop will come.
    for (const tid of this.early) this.libc.ptrace(PTRACE.DETACH, tid, 0);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; pending.size > 0 && waited < 3000;) {
      const tid = this.libc.waitAny(this.status, WAIT.ALL | WAIT.NOTHREAD | WAIT.NOHANG);
      if (tid === -ERRNO.EINTR) continue;
      if (tid < 0) break;
      if (tid === 0) {
        Atomics.wait(pause, 0, 0, 5);
        waited += 5;
        continue;
      }
      const s = this.status[0];
      if ((s & 0xff) !== 0x7f) {
        pending.delete(tid);
        this.ended(tid, s);
        continue;
      }
      const signal = (s >> 8) & 0xff, event = (s >> 16) & 0xff;
      if (event === EV.FORK || event === EV.VFORK || event === EV.CLONE) {
        this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
        pending.add(Number(this.msg[0]));
      }
      // What it used so far, as the end of what memassert saw of it.
      const p = this.byTid.get(tid);
      if (p !== undefined) this.r.usage.exited(p, tid);
      // A group-stop is left as it is: detached, the thread stays stopped as it would untraced.
      const deliver = event === 0 && signal !== SYSCALL_TRAP ? signal : 0;
      this.libc.ptrace(PTRACE.DETACH, tid, deliver);
      pending.delete(tid);
    }
  }
}
