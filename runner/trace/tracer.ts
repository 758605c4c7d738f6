/**
 * The tracer: spawns the command under ptrace and a seccomp filter, follows
 * its whole process tree, and reads RSS at every stop the filter makes
 * (right before a call that can lower RSS) and at every exit. It runs on one
 * thread, which must be the one that spawned the tree: ptrace requires it.
 */
import {
  ERRNO, type Libc, NativeError, PTRACE, PTRACE_EVENT as EV, PTRACE_GETREGS, SIG,
  SYSCALL_ARG_REG, USER_REGS_WORDS, WAIT,
} from "../../ffi/mod.ts";
import { MARK, readMarkWord } from "./mark.ts";
import { PrivilegeWatch } from "./privileges.ts";
import { cutArgv, ProcReader } from "./procfs.ts";
import { isOwnTag, TAG } from "./seccomp.ts";
import { startRoot } from "./start.ts";
import { Tasks } from "./tasks.ts";
import type { Proc } from "./process.ts";
import { type Drop, Readings } from "./readings.ts";
import { CANCEL_REASONS, CONTROL, type TraceData, type TraceRequest } from "./types.ts";

const [ARG0, ARG1] = SYSCALL_ARG_REG;
/** Exec images kept per process (with ARGV_KEPT bytes of argv each): what bounds memassert's memory per process. */
const MAX_IMAGES = 16;
/** Signals that interrupt a run, by number. */
const SIGNAL_NAMES: Record<number, string> = { [SIG.HUP]: "SIGHUP", [SIG.INT]: "SIGINT", [SIG.TERM]: "SIGTERM" };

/** Spawns and traces until every process of the tree has exited. */
export function trace(libc: Libc, request: TraceRequest, control: Int32Array): TraceData {
  return new Tracer(libc, request, control).run();
}

class Tracer {
  private readonly proc: ProcReader;
  private readonly status = new Int32Array(new ArrayBuffer(4));
  private readonly msg = new BigUint64Array(new ArrayBuffer(8));
  private readonly regs = new BigUint64Array(new ArrayBuffer(USER_REGS_WORDS * 8));
  private readonly exact: boolean;
  private readonly byTid = new Map<number, Proc>();
  /** New tasks whose first stop came before their parent's fork event. */
  private readonly early = new Set<number>();
  /** New tasks announced by a fork event whose first stop is still to come. */
  private readonly announced = new Set<number>();
  private readonly r: Readings;
  private cancelled: string | null = null;
  private abandoned = false;
  private root: Proc | null = null;
  private readonly tasks: Tasks;
  private readonly privileges: PrivilegeWatch;
  private readonly tid: number;
  private readonly pause = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly libc: Libc, private readonly request: TraceRequest, private readonly control: Int32Array) {
    this.proc = new ProcReader(libc);
    this.exact = request.mode === "exact";
    const { timelineRows, live, kernelRss, countFaults, explain } = request;
    this.r = new Readings(this.proc, { subtrees: request.answerDir !== null, timelineRows, live, libc, kernelRss, countFaults, explain, control });
    this.tid = libc.gettid();
    this.tasks = new Tasks(libc);
    this.privileges = new PrivilegeWatch(request.spawn.keepPrivileges);
  }

  run(): TraceData {
    const root = (this.root = this.spawn());
    for (;;) {
      this.checkCancel();
      if (this.abandoned) break;
      // Once cancelled, never block: a task created as the tree was killed may sit in a
      // stop that no event will report, and must be found and killed (see sweep).
      const tid = this.libc.waitAny(this.status, WAIT.ALL | WAIT.NOTHREAD | (this.cancelled === null ? 0 : WAIT.NOHANG));
      if (tid < 0) {
        if (tid === -ERRNO.EINTR) continue;
        if (tid === -ERRNO.ECHILD) break;
        throw new NativeError("wait4", -tid);
      }
      if (tid === 0) this.sweep();
      else this.handle(tid, this.status[0]);
    }
    return { rootPid: root.pid, cancelled: this.cancelled, warnings: this.privileges.warnings, ...this.r.finish() };
  }

  /**
   * Cancels on a request of the main thread or a caught signal. A second request once
   * cancelled abandons the tree: every task this thread traces is sent SIGKILL and the
   * loop ends at once, without waiting for their ends.
   */
  private checkCancel(): void {
    const reason = Atomics.load(this.control, CONTROL.CANCEL);
    const caught = this.request.inline ? this.libc.caughtSignal() : 0;
    const again = Atomics.load(this.control, CONTROL.ABANDON) !== 0;
    if (this.cancelled === null) {
      if (reason !== 0) this.cancel(CANCEL_REASONS[reason] ?? "aborted");
      else if (caught !== 0) this.cancel(SIGNAL_NAMES[caught] ?? "aborted");
    } else if (caught !== 0 || again) {
      this.abandoned = true;
      this.tasks.killTraced(this.tid);
    }
  }

  /**
   * After a cancel, when no event is pending: kills whatever this thread still traces, then
   * waits a little. A thread can sit in a ptrace stop with SIGKILL pending (a new thread's
   * first stop, an exit stop): SIGKILL does not end a ptrace stop, so each is also resumed.
   */
  private sweep(): void {
    this.tasks.killTraced(this.tid);
    Atomics.wait(this.pause, 0, 0, 10);
  }

  /** Reads memory at a stop of `p`; cancels the run when the tree passed its kill-above limit. */
  private stop(p: Proc, drop: Drop, exiting = false): void {
    const treeRss = this.r.stop(p, drop, exiting);
    if (this.request.killAbove > 0 && treeRss > this.request.killAbove && this.cancelled === null) this.cancel("kill-above");
  }

  private spawn(): Proc {
    const { pid, died } = startRoot(this.libc, this.request, this.control, this.status);
    const root = this.add(pid, null);
    if (died !== null) {
      // Killed before its first instruction: by a cancel (a timeout, Ctrl-C) or from outside.
      root.images.push(cutArgv(this.request.spawn.argv));
      this.ended(pid, died);
      const caught = this.request.inline ? this.libc.caughtSignal() : 0;
      this.cancelled = CANCEL_REASONS[Atomics.load(this.control, CONTROL.CANCEL)] || SIGNAL_NAMES[caught] || null;
      return root;
    }
    root.images.push(this.proc.cmdline(pid));
    this.r.usage.started(root);
    this.r.faults?.follow(pid);
    this.privileges.check(this.libc, root.pid, root.images[root.images.length - 1]);
    this.resume(pid, 0);
    return root;
  }

  private add(pid: number, parent: Proc | null): Proc {
    const p = this.r.add(pid, parent, this.proc.openStatm(pid));
    this.byTid.set(pid, p);
    return p;
  }

  private resume(tid: number, signal: number): void {
    const p = this.byTid.get(tid);
    if (p !== undefined) p.ptraceStops++; // each stop is a context switch of the tracer's making
    this.tasks.resume(tid, signal);
  }

  private handle(tid: number, s: number): void {
    if ((s & 0xff) !== 0x7f) return this.ended(tid, s);
    if (this.cancelled !== null) {
      // Whatever stops once the tree is being killed, known or not, is killed too.
      this.libc.kill(tid, SIG.KILL);
      return this.resume(tid, 0);
    }
    const signal = (s >> 8) & 0xff;
    const event = (s >> 16) & 0xff;
    const p = this.byTid.get(tid);
    if (p === undefined) {
      // A new task's first stop, before its parent's fork event named it.
      this.early.add(tid);
      return;
    }
    switch (event) {
      case EV.SECCOMP: return this.seccompStop(p, tid);
      case EV.EXIT:
        this.stop(p, "self", p.tids.size === 1);
        if (!this.exact) this.r.readHwm(p, tid);
        if (tid === p.statmTid && p.tids.size > 1) this.r.readThrough(p, tid);
        this.r.usage.exited(p, tid);
        return this.resume(tid, 0);
      case EV.FORK: case EV.VFORK: case EV.CLONE: return this.created(p, tid, event);
      case EV.EXEC: return this.execed(p, tid);
      case EV.STOP: return this.groupStop(tid, signal);
      case 0: return this.signalled(tid, signal);
      default: return this.resume(tid, 0);
    }
  }

  private seccompStop(p: Proc, tid: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const tag = Number(this.msg[0]);
    if (!isOwnTag(tag)) return this.tasks.refuse(tid, this.regs);
    if (tag === TAG.BRK) {
      this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs);
      const to = Number(this.regs[ARG0]);
      const shrinking = to < p.lastBrk;
      p.lastBrk = to;
      this.stop(p, shrinking ? "self" : "none");
    } else if (tag === TAG.KILL) {
      this.stop(p, "all");
    } else if (tag === TAG.VOLATILE) {
      // From here on it can grow without faults (so can the target of process_vm_writev).
      this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs);
      for (const q of [p, this.byTid.get(Number(this.regs[ARG0]))]) if (q) q.volatile = true;
    } else if (tag === TAG.MARK) {
      this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs);
      this.stop(p, "none");
      // Marks count only from the root, armed for them, with its token: a traced program
      // cannot forge the marks that delimit a test case or make the tracer write files.
      const { token, id } = readMarkWord(Number(this.regs[ARG0]));
      if (this.request.markToken !== null && token === this.request.markToken && p === this.root) {
        if (id === MARK.QUERY) {
          if (this.request.answerDir !== null) this.r.answer(this.request.answerDir, Number(this.regs[ARG1]));
        } else this.r.mark(p, id);
      }
    } else {
      this.stop(p, "self");
      if (tag === TAG.EXEC && !this.exact) this.r.readHwm(p, tid);
    }
    this.resume(tid, 0);
  }

  private created(parent: Proc, tid: number, event: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const child = Number(this.msg[0]);
    if (event === EV.CLONE && this.proc.isThreadOf(child, parent.pid)) {
      parent.tids.add(child);
      this.byTid.set(child, parent);
      this.r.created(parent, child);
    } else {
      // The parent's anonymous pages are now shared with the child, copy-on-write.
      parent.sharingChanged = true;
      const p = this.add(child, parent);
      p.images.push(parent.images[parent.images.length - 1] ?? []);
      if (event === EV.VFORK) this.r.share(p, parent);
      this.r.created(p, child);
    }
    if (this.early.delete(child)) this.resume(child, 0);
    else this.announced.add(child);
    this.resume(tid, 0);
  }

  private execed(p: Proc, tid: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const former = Number(this.msg[0]);
    if (former !== p.pid) this.byTid.delete(former);
    this.r.share(p, null);
    p.sharingChanged = true;
    p.stale = true;
    p.lastBrk = 0;
    // Exec leaves one thread, with the process's pid.
    p.tids.clear();
    p.tids.add(p.pid);
    this.r.usage.execed(p);
    if (p.statmTid !== p.pid) this.r.readThrough(p, -1);
    // A process that execs again and again keeps its first images and its latest ones.
    if (p.images.length >= MAX_IMAGES) p.images.splice(MAX_IMAGES / 2, 1);
    p.images.push(this.proc.cmdline(p.pid));
    this.privileges.check(this.libc, p.pid, p.images[p.images.length - 1]);
    this.resume(tid, 0);
  }

  /**
   * A PTRACE_EVENT_STOP of a seized task: its first stop (a new task), or a group-stop. A
   * group-stop is kept (PTRACE_LISTEN) until SIGCONT, as it would be without a tracer: the task
   * stays stopped and its parent sees it stopped.
   */
  private groupStop(tid: number, signal: number): void {
    if (this.announced.delete(tid)) return this.resume(tid, 0);
    if (signal >= SIG.STOP && signal <= SIG.TTOU) this.libc.ptrace(PTRACE.LISTEN, tid, 0);
    else this.resume(tid, 0);
  }

  /**
   * A signal about to be delivered: delivered. (The tree is seized, so a group-stop arrives
   * as a PTRACE_EVENT_STOP, and new tasks' first stops too: nothing here is the tracer's own.)
   */
  private signalled(tid: number, signal: number): void {
    this.resume(tid, signal);
  }

  private ended(tid: number, s: number): void {
    const p = this.byTid.get(tid);
    this.byTid.delete(tid);
    if (p === undefined) return;
    if (tid !== p.pid) {
      p.tids.delete(tid);
      return;
    }
    const sig = s & 0x7f;
    if (sig === 0) p.exitCode = (s >> 8) & 0xff;
    else p.signal = sig;
    this.r.remove(p);
    // What the parent shared with it is the parent's alone again.
    if (p.parent !== null) p.parent.sharingChanged = true;
  }

  /** Kills every traced process; the loop then collects their ends. */
  private cancel(reason: string): void {
    this.cancelled = reason;
    for (const p of this.r.live) this.libc.kill(p.pid, SIG.KILL);
    for (const tid of this.early) {
      this.libc.kill(tid, SIG.KILL);
      this.resume(tid, 0);
    }
  }
}

