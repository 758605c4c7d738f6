/**
 * The tracer: spawns the command under ptrace and a seccomp filter, follows
 * its whole process tree, and reads RSS at every stop the filter makes
 * (right before a call that can lower RSS) and at every exit. It runs on one
 * thread, which must be the one that spawned the tree: ptrace requires it.
 */
import { writeFileSync } from "node:fs";
import {
  ERRNO, type Libc, NativeError, PTRACE, PTRACE_EVENT as EV, PTRACE_GETREGS, PTRACE_OPTIONS, SIG, spawnBlock, spawnFailure,
  SYSCALL_ARG_REG, USER_REGS_WORDS, WAIT,
} from "../../ffi/mod.ts";
import { MARK } from "./mark.ts";
import { ProcReader } from "./procfs.ts";
import { buildFilter, TAG } from "./seccomp.ts";

import { grownEnough, plain, Proc, pssAtPeak, subtreeAnswer, sumSubtrees } from "./process.ts";
import { CANCEL_REASONS, CONTROL, type Mark, type Sample, type TraceData, type TraceRequest } from "./types.ts";

const [ARG0, ARG1] = SYSCALL_ARG_REG;
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
  private readonly siginfo = new Uint8Array(new ArrayBuffer(128));
  private readonly t0 = performance.now();
  private readonly exact: boolean;
  private readonly byTid = new Map<number, Proc>();
  private readonly live: Proc[] = [];
  private readonly all: Proc[] = [];
  /** New tasks whose first stop came before their parent's fork event. */
  private readonly early = new Set<number>();
  /** New tasks announced by a fork event whose first stop is still to come. */
  private readonly announced = new Set<number>();
  private treePeakRss = 0;
  private treePeakPss = 0;
  /** Tree RSS reached a new peak whose PSS is not read yet. */
  private treeDirty = false;
  /** Tree RSS and PSS when the tree's PSS was last read. */
  private treeDetailRss = 0;
  private treeDetailPss = 0;
  private stops = 0;
  /** Tree RSS at the last stop, and its peak since the last mark. */
  private treeRss = 0;
  private treeMarkPeak = 0;
  private readonly marks: Mark[] = [];
  private cancelled: string | null = null;
  private readonly samples: Sample[] | null;

  constructor(private readonly libc: Libc, private readonly request: TraceRequest, private readonly control: Int32Array) {
    this.proc = new ProcReader(libc);
    this.exact = request.mode === "exact";
    this.samples = request.timeline ? [] : null;
  }

  run(): TraceData {
    const root = this.spawn();
    for (;;) {
      const reason = Atomics.load(this.control, CONTROL.CANCEL);
      if (reason !== 0 && this.cancelled === null) this.cancel(CANCEL_REASONS[reason] ?? "aborted");
      const caught = this.request.inline ? this.libc.caughtSignal() : 0;
      if (caught !== 0 && this.cancelled === null) this.cancel(SIGNAL_NAMES[caught] ?? "aborted");
      const tid = this.libc.wait4(-1, this.status, WAIT.ALL | WAIT.NOTHREAD);
      if (tid < 0) {
        const errno = this.libc.errno();
        if (errno === ERRNO.EINTR) continue;
        if (errno === ERRNO.ECHILD) break;
        throw new NativeError("wait4", errno);
      }
      this.handle(tid, this.status[0]);
    }
    const now = this.now();
    for (const p of this.live) p.endMs = now;
    return {
      rootPid: root.pid,
      processes: this.all.map(plain),
      treePeakRss: this.treePeakRss,
      treePeakPss: pssAtPeak(this.treePeakPss, this.treePeakRss, this.treeDetailRss, this.treeDetailPss),
      stops: this.stops,
      wallMs: now,
      cancelled: this.cancelled,
      samples: this.samples,
      marks: this.marks,
    };
  }

  private now(): number {
    return performance.now() - this.t0;
  }

  private spawn(): Proc {
    const filter = buildFilter(this.libc.spawnExecveReturn, this.exact && !this.request.lateExact);
    const block = spawnBlock(this.libc, { ...this.request.spawn, filter });
    const pid = this.libc.spawn(block.args);
    if (pid < 0) throw new NativeError("clone", -pid, "cannot start " + this.request.spawn.path);
    Atomics.store(this.control, CONTROL.ROOT_PID, pid);
    const failure = spawnFailure(block);
    if (failure) {
      this.libc.wait4(pid, this.status, WAIT.ALL);
      throw new NativeError(failure.step, failure.errno, this.request.spawn.path);
    }
    // The child stops with SIGTRAP once execve has succeeded.
    if (this.libc.wait4(pid, this.status, WAIT.ALL) !== pid) throw new NativeError("wait4", this.libc.errno());
    const s = this.status[0];
    if ((s & 0xff) !== 0x7f || ((s >> 8) & 0xff) !== SIG.TRAP) {
      throw new Error(`unexpected first wait status ${s.toString(16)} of ${this.request.spawn.path}`);
    }
    if (this.libc.ptrace(PTRACE.SETOPTIONS, pid, PTRACE_OPTIONS) < 0) {
      const errno = this.libc.errno();
      this.libc.kill(pid, SIG.KILL);
      throw new NativeError("ptrace(PTRACE_SETOPTIONS)", errno);
    }
    const root = this.add(pid, null);
    root.images.push(this.proc.cmdline(pid));
    this.resume(pid, 0);
    return root;
  }

  private add(pid: number, parent: Proc | null): Proc {
    const p = new Proc(pid, parent, this.proc.openStatm(pid), this.now());
    this.byTid.set(pid, p);
    this.live.push(p);
    this.all.push(p);
    return p;
  }

  private resume(tid: number, signal: number): void {
    // ESRCH: the task was killed meanwhile; its exit is reported by wait4.
    this.libc.ptrace(PTRACE.CONT, tid, signal);
  }

  private handle(tid: number, s: number): void {
    if ((s & 0xff) !== 0x7f) return this.ended(tid, s);
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
        this.stop(p, "self", true);
        if (!this.exact) this.readHwm(p);
        return this.resume(tid, 0);
      case EV.FORK: case EV.VFORK: case EV.CLONE: return this.created(p, tid, event);
      case EV.EXEC: return this.execed(p, tid);
      case 0: return this.signalled(tid, signal);
      default: return this.resume(tid, 0);
    }
  }

  private seccompStop(p: Proc, tid: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const tag = Number(this.msg[0]);
    if (tag === TAG.BRK) {
      this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs);
      const to = Number(this.regs[ARG0]);
      const shrinking = to < p.lastBrk;
      p.lastBrk = to;
      this.stop(p, shrinking ? "self" : "none");
    } else if (tag === TAG.KILL) {
      this.stop(p, "all");
    } else if (tag === TAG.MARK) {
      this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs);
      this.stop(p, "none");
      const id = Number(this.regs[ARG0]);
      if (id === MARK.QUERY) this.answer(Number(this.regs[ARG1]));
      else this.mark(p, id);
    } else {
      this.stop(p, "self");
      if (tag === TAG.EXEC && !this.exact) this.readHwm(p);
    }
    this.resume(tid, 0);
  }

  /**
   * Reads the RSS of every live process (the tree's sum only drops at some
   * process's stop), then, when memory is about to drop at a new peak (of `p`,
   * or of any process when `p` sends a SIGKILL), the PSS and RSS split there.
   */
  private stop(p: Proc, drop: "self" | "all" | "none", exiting = false): void {
    this.stops++;
    let sum = 0;
    for (const q of this.live) {
      if (q.sharing !== null || q.fd < 0) continue;
      const rss = this.proc.rss(q.fd);
      if (rss < 0) continue;
      q.rss = rss;
      q.shared = this.proc.shared;
      if (rss > q.markPeak) q.markPeak = rss;
      if (rss > q.peakRss) {
        q.peakRss = rss;
        q.dirty = true;
        q.anon = rss - this.proc.shared;
        q.shmem = Math.min(q.shmem, this.proc.shared);
        q.file = this.proc.shared - q.shmem;
      }
      sum += rss;
    }
    this.treeRss = sum;
    if (sum > this.treeMarkPeak) this.treeMarkPeak = sum;
    if (sum > this.treePeakRss) {
      this.treePeakRss = sum;
      this.treeDirty = true;
    }
    if (this.request.answerDir !== null) sumSubtrees(this.live, "rss");
    if (this.samples) this.samples.push([Math.round(this.now() * 1000) / 1000, p.pid, p.rss, sum]);
    if (this.request.killAbove > 0 && sum > this.request.killAbove && this.cancelled === null) {
      this.cancel("kill-above");
    }
    if (drop === "none") return;
    // PSS only matters at a peak (RSS may have dropped since, at a stop that skipped reading it).
    if (this.treeDirty && sum === this.treePeakRss) {
      const cheap = this.live.every((q) => q.sharing !== null || q.pssFromLastRead() >= 0);
      if (cheap || exiting || grownEnough(sum, this.treeDetailRss)) this.readTreePss();
    }
    if (drop === "self") this.peakDetail(p, exiting);
    else for (const q of this.live) this.peakDetail(q, exiting);
  }

  /** PSS at a process's new peak: derived when that is exact, else read (not at every small growth). */
  private peakDetail(q: Proc, exiting: boolean): void {
    if (!q.dirty || q.rss !== q.peakRss) return;
    const derived = q.pssFromLastRead();
    if (derived >= 0) {
      if (derived > q.peakPss) q.peakPss = derived;
      q.dirty = false;
    } else if (exiting || grownEnough(q.rss, q.detailRss)) this.readDetail(q);
  }

  /** Records a mark and starts new peaks from the current readings. */
  private mark(p: Proc, id: number): void {
    this.marks.push({
      ms: Math.round(this.now() * 1000) / 1000, pid: p.pid, id, rss: p.rss, peakRss: p.markPeak,
      treeRss: this.treeRss, treePeakRss: this.treeMarkPeak,
    });
    p.markPeak = p.rss;
    this.treeMarkPeak = this.treeRss;
  }

  /** PSS of every live process at once: the tree's PSS at this moment. */
  private readTreePss(): void {
    this.treeDirty = false;
    this.treeDetailRss = this.treeRss;
    let sum = 0;
    for (const q of this.live) {
      if (q.sharing !== null) continue;
      const derived = q.pssFromLastRead();
      const pss = derived >= 0 ? derived : q.dirty && q.rss === q.peakRss ? this.readDetail(q) : this.proc.pss(q.pid);
      if (pss > q.peakPss) q.peakPss = pss;
      q.pss = Math.max(pss, 0);
      sum += Math.max(pss, 0);
    }
    this.treeDetailPss = sum;
    if (sum > this.treePeakPss) this.treePeakPss = sum;
    if (this.request.answerDir !== null) sumSubtrees(this.live, "pss");
  }

  /** Writes what is known of `pid`'s subtree for the process that asked. */
  private answer(pid: number): void {
    const answer = subtreeAnswer(this.all, pid, this.stops);
    writeFileSync(`${this.request.answerDir}/${pid}.json`, JSON.stringify(answer));
  }

  /** Reads PSS and the RSS split at a peak; returns the PSS, or -1 when the process is gone. */
  private readDetail(q: Proc): number {
    q.dirty = false;
    const d = this.proc.detail(q.pid);
    if (d === null) return -1;
    q.detailRss = q.rss;
    q.detailPss = d.pss;
    q.detailShared = q.shared;
    q.sharingChanged = false;
    if (d.pss > q.peakPss) q.peakPss = d.pss;
    q.anon = d.anon;
    q.file = d.file;
    q.shmem = d.shmem;
    return d.pss;
  }

  private readHwm(p: Proc): void {
    const hwm = this.proc.hwm(p.pid);
    if (hwm > p.peakRss) p.peakRss = hwm;
  }

  private created(parent: Proc, tid: number, event: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const child = Number(this.msg[0]);
    if (event === EV.CLONE && this.proc.isThreadOf(child, parent.pid)) {
      parent.threads++;
      this.byTid.set(child, parent);
    } else {
      // The parent's anonymous pages are now shared with the child, copy-on-write.
      parent.sharingChanged = true;
      const p = this.add(child, parent);
      p.images.push(parent.images[parent.images.length - 1] ?? []);
      if (event === EV.VFORK) p.sharing = parent;
    }
    if (this.early.delete(child)) this.resume(child, 0);
    else this.announced.add(child);
    this.resume(tid, 0);
  }

  private execed(p: Proc, tid: number): void {
    this.libc.ptraceOut(PTRACE.GETEVENTMSG, tid, this.msg);
    const former = Number(this.msg[0]);
    if (former !== p.pid) this.byTid.delete(former);
    p.sharing = null;
    p.sharingChanged = true;
    p.lastBrk = 0;
    p.images.push(this.proc.cmdline(p.pid));
    this.resume(tid, 0);
  }

  private signalled(tid: number, signal: number): void {
    if (signal >= SIG.STOP && signal <= SIG.TTOU) {
      // A group-stop (no siginfo) is not a signal to deliver: let the task run on.
      if (this.libc.ptraceOut(PTRACE.GETSIGINFO, tid, this.siginfo) < 0 && this.libc.errno() === ERRNO.EINVAL) {
        return this.resume(tid, 0);
      }
    }
    if (signal === SIG.STOP && this.announced.delete(tid)) return this.resume(tid, 0);
    this.resume(tid, signal === SIG.TRAP ? 0 : signal);
  }

  private ended(tid: number, s: number): void {
    const p = this.byTid.get(tid);
    this.byTid.delete(tid);
    if (p === undefined) return;
    if (tid !== p.pid) {
      p.threads--;
      return;
    }
    const sig = s & 0x7f;
    if (sig === 0) p.exitCode = (s >> 8) & 0xff;
    else p.signal = sig;
    p.endMs = this.now();
    if (p.fd >= 0) this.libc.close(p.fd);
    this.live.splice(this.live.indexOf(p), 1);
    // What the parent shared with it is the parent's alone again.
    if (p.parent !== null) p.parent.sharingChanged = true;
  }

  /** Kills every traced process; the loop then collects their ends. */
  private cancel(reason: string): void {
    this.cancelled = reason;
    for (const p of this.live) this.libc.kill(p.pid, SIG.KILL);
    for (const tid of this.early) this.libc.kill(tid, SIG.KILL);
  }
}

