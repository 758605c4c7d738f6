/**
 * What each process used besides memory (CPU time, page faults, context switches, block
 * I/O), from its own counters read at its exit stops: each thread's at its own exit stop,
 * the whole process's at its last thread's. Never ru_maxrss, and nothing of its children:
 * they are processes of the tree with figures of their own.
 */
import type { ProcReader } from "./procfs.ts";
import type { Proc } from "./process.ts";
import type { Usage } from "./types.ts";

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on every Linux architecture memassert runs on). */
const TICKS_PER_SECOND = 100;

/** What the threads of one process that reached their exit stop used, summed. */
class Tally {
  cpuNs = 0;
  voluntary = 0;
  involuntary = 0;
  readonly done = new Set<number>();
}

/** Reads usage at exit stops and keeps it on each {@link Proc} (`usage`). */
export class UsageReader {
  private readonly tallies = new Map<Proc, Tally>();

  constructor(private readonly proc: ProcReader) {}

  /**
   * `root` stopped at its exec: the switches it made until then are the spawn's, not the
   * program's (the exec stop itself is counted as a stop when it is resumed).
   */
  started(root: Proc): void {
    const status = this.proc.text(`/proc/${root.pid}/status`);
    if (status === null) return;
    const t = this.tally(root);
    t.voluntary -= field(status, "voluntary_ctxt_switches:") - 1;
    t.involuntary -= field(status, "nonvoluntary_ctxt_switches:");
  }

  private tally(p: Proc): Tally {
    let t = this.tallies.get(p);
    if (t === undefined) this.tallies.set(p, (t = new Tally()));
    return t;
  }

  /**
   * Thread `tid` of `p` is at its exit stop: its run time and context switches are added to
   * the process's; at the last thread's, the process's own figures are read and kept.
   */
  exited(p: Proc, tid: number): void {
    const t = this.tally(p);
    const dir = `/proc/${p.pid}/task/${tid}`;
    // The first field of schedstat is the thread's run time in ns, exact where stat's ticks are 10 ms.
    const sched = this.proc.text(`${dir}/schedstat`);
    if (sched !== null) t.cpuNs += Number(sched.slice(0, sched.indexOf(" "))) || 0;
    const status = this.proc.text(`${dir}/status`);
    if (status !== null) {
      t.voluntary += field(status, "voluntary_ctxt_switches:");
      t.involuntary += field(status, "nonvoluntary_ctxt_switches:");
    }
    t.done.add(tid);
    for (const alive of p.tids) if (!t.done.has(alive)) return;
    this.tallies.delete(p);
    p.usage = this.whole(p, t);
  }

  /**
   * `p` exec'd: its other threads are gone without exit stops (what they used since their
   * last reading is lost); what the exited ones used is kept, and its one thread counts on.
   */
  execed(p: Proc): void {
    this.tallies.get(p)?.done.clear();
  }

  private whole(p: Proc, t: Tally): Usage | null {
    const stat = this.proc.text(`/proc/${p.pid}/stat`);
    if (stat === null) return null;
    // Fields count from the last ")": the command name may hold spaces and parentheses.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [minor, major, utime, stime] = [f[7], f[9], f[11], f[12]].map(Number);
    // The kernel splits a process's exact run time between user and system by the ratio of
    // its tick samples, as getrusage does; stat shows that split in ticks.
    const ticks = utime + stime;
    const cpuNs = t.cpuNs > 0 ? t.cpuNs : ticks * (1e9 / TICKS_PER_SECOND);
    const systemNs = ticks === 0 ? 0 : Math.round(cpuNs * stime / ticks);
    const io = this.proc.text(`/proc/${p.pid}/io`);
    return {
      userMs: ms(cpuNs - systemNs),
      systemMs: ms(systemNs),
      minorFaults: minor,
      majorFaults: major,
      // Every ptrace stop is a voluntary switch that an untraced run would not make: those
      // resumed so far, and this last exit stop.
      voluntarySwitches: Math.max(0, t.voluntary - p.ptraceStops - 1),
      involuntarySwitches: Math.max(0, t.involuntary),
      readBytes: io === null ? 0 : field(io, "read_bytes:"),
      writeBytes: io === null ? 0 : Math.max(0, field(io, "write_bytes:") - field(io, "cancelled_write_bytes:")),
    };
  }
}

/** The number after `key` at the start of a line of `text`; 0 when absent. */
function field(text: string, key: string): number {
  const at = ("\n" + text).indexOf("\n" + key);
  return at < 0 ? 0 : parseInt(text.slice(at + key.length).trimStart(), 10) || 0;
}

function ms(ns: number): number {
  return Math.round(ns / 1000) / 1000;
}

/** The sum of `usages`, for a tree. */
export function sumUsage(usages: (Usage | null)[]): Usage {
  const sum: Usage = { userMs: 0, systemMs: 0, minorFaults: 0, majorFaults: 0, voluntarySwitches: 0, involuntarySwitches: 0, readBytes: 0, writeBytes: 0 };
  for (const u of usages) {
    if (u === null) continue;
    for (const k of Object.keys(sum) as (keyof Usage)[]) sum[k] += u[k];
  }
  sum.userMs = Math.round(sum.userMs * 1000) / 1000;
  sum.systemMs = Math.round(sum.systemMs * 1000) / 1000;
  return sum;
}
