/**
 * The tracer: spawns the command under ptrace and a seccomp filter, follows
 * its whole process tree, and reads RSS at every stop the filter makes
 * (right before a call that can lower RSS) and at every exit. It runs on one
 * thread, which must be the one that spawned the tree: ptrace requires it.
 */
import { writeFileSync } from "node:fs";
import type { Libc } from "../ffi/mod.ts";
import { NativeError } from "../ffi/mod.ts";
import { MARK } from "./mark.ts";
import { ProcReader } from "./procfs.ts";
import { buildFilter, TAG } from "./seccomp.ts";
import type { Mark, Sample } from "./result.ts";
import { spawnBlock, spawnFailure } from "./spawn_args.ts";
import { grownEnough, plain, Proc, pssAtPeak, subtreeAnswer, sumSubtrees } from "./trace_process.ts";
import { CANCEL_REASONS, CONTROL, type TraceData, type TraceRequest } from "./trace_types.ts";

const PTRACE_CONT = 7, PTRACE_GETREGS = 12;
const PTRACE_SETOPTIONS = 0x4200, PTRACE_GETEVENTMSG = 0x4201, PTRACE_GETSIGINFO = 0x4202;
const OPTIONS = 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x80 | 0x100000; // fork vfork clone exec exit seccomp exitkill
const EV_FORK = 1, EV_VFORK = 2, EV_CLONE = 3, EV_EXEC = 4, EV_EXIT = 6, EV_SECCOMP = 7;
const WALL = 0x40000000, WNOTHREAD = 0x20000000;
const SIGKILL = 9, SIGTRAP = 5, SIGSTOP = 19;
const EINTR = 4, ECHILD = 10, EINVAL = 22;
const REG_RSI = 13, REG_RDI = 14;
/** Signals that interrupt a run, by number. */
const SIGNAL_NAMES: Record<number, string> = { 1: "SIGHUP", 2: "SIGINT", 15: "SIGTERM" };

/** Spawns and traces until every process of the tree has exited. */
export function trace(libc: Libc, request: TraceRequest, control: Int32Array): TraceData {
  return new Tracer(libc, request, control).run();
}

class Tracer {
  private readonly proc: ProcReader;
  private readonly status = new Int32Array(new ArrayBuffer(4));
  private readonly msg = new BigUint64Array(new ArrayBuffer(8));
  private readonly regs = new BigUint64Array(new ArrayBuffer(27 * 8));
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
      const tid = this.libc.wait4(-1, this.status, WALL | WNOTHREAD);
      if (tid < 0) {
        const errno = this.libc.errno();
        if (errno === EINTR) continue;
        if (errno === ECHILD) break;
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
      this.libc.wait4(pid, this.status, WALL);
      throw new NativeError(failure.step, failure.errno, this.request.spawn.path);
    }
    // The child stops with SIGTRAP once execve has succeeded.
    if (this.libc.wait4(pid, this.status, WALL) !== pid) throw new NativeError("wait4", this.libc.errno());
    const s = this.status[0];
    if ((s & 0xff) !== 0x7f || ((s >> 8) & 0xff) !== SIGTRAP) {
      throw new Error(`unexpected first wait status ${s.toString(16)} of ${this.request.spawn.path}`);
    }
    if (this.libc.ptrace(PTRACE_SETOPTIONS, pid, OPTIONS) < 0) {
      const errno = this.libc.errno();
      this.libc.kill(pid, SIGKILL);
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
    this.libc.ptrace(PTRACE_CONT, tid, signal);
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
      case EV_SECCOMP: return this.seccompStop(p, tid);
      case EV_EXIT:
        this.stop(p, "self", true);
        if (!this.exact) this.readHwm(p);
        return this.resume(tid, 0);
      case EV_FORK: case EV_VFORK: case EV_CLONE: return this.created(p, tid, event);
      case EV_EXEC: return this.execed(p, tid);
      case 0: return this.signalled(tid, signal);
      default: return this.resume(tid, 0);
    }
  }

  private seccompStop(p: Proc, tid: number): void {
    this.libc.ptraceOut(PTRACE_GETEVENTMSG, tid, this.msg);
    const tag = Number(this.msg[0]);
    if (tag === TAG.BRK) {
      this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs);
      const to = Number(this.regs[REG_RDI]);
      const shrinking = to < p.lastBrk;
      p.lastBrk = to;
      this.stop(p, shrinking ? "self" : "none");
    } else if (tag === TAG.KILL) {
      this.stop(p, "all");
    } else if (tag === TAG.MARK) {
      this.libc.ptraceOut(PTRACE_GETREGS, tid, this.regs);
      this.stop(p, "none");
      const id = Number(this.regs[REG_RDI]);
      if (id === MARK.QUERY) this.answer(Number(this.regs[REG_RSI]));
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
    this.libc.ptraceOut(PTRACE_GETEVENTMSG, tid, this.msg);
    const child = Number(this.msg[0]);
    if (event === EV_CLONE && this.proc.isThreadOf(child, parent.pid)) {
      parent.threads++;
      this.byTid.set(child, parent);
    } else {
      // The parent's anonymous pages are now shared with the child, copy-on-write.
      parent.sharingChanged = true;
      const p = this.add(child, parent);
      p.images.push(parent.images[parent.images.length - 1] ?? []);
      if (event === EV_VFORK) p.sharing = parent;
    }
    if (this.early.delete(child)) this.resume(child, 0);
    else this.announced.add(child);
    this.resume(tid, 0);
  }

  private execed(p: Proc, tid: number): void {
    this.libc.ptraceOut(PTRACE_GETEVENTMSG, tid, this.msg);
    const former = Number(this.msg[0]);
    if (former !== p.pid) this.byTid.delete(former);
    p.sharing = null;
    p.sharingChanged = true;
    p.lastBrk = 0;
    p.images.push(this.proc.cmdline(p.pid));
    this.resume(tid, 0);
  }

  private signalled(tid: number, signal: number): void {
    if (signal >= 19 && signal <= 22) {
      // A group-stop (no siginfo) is not a signal to deliver: let the task run on.
      if (this.libc.ptraceOut(PTRACE_GETSIGINFO, tid, this.siginfo) < 0 && this.libc.errno() === EINVAL) {
        return this.resume(tid, 0);
      }
    }
    if (signal === SIGSTOP && this.announced.delete(tid)) return this.resume(tid, 0);
    this.resume(tid, signal === SIGTRAP ? 0 : signal);
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
    for (const p of this.live) this.libc.kill(p.pid, SIGKILL);
    for (const tid of this.early) this.libc.kill(tid, SIGKILL);
  }
}

