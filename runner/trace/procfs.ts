/**
 * Everything memassert reads from /proc. The tracer's readers go through libc
 * so that the per-stop path allocates nothing (statm is read with pread on a
 * descriptor kept open); the others, for code outside the tracer's loop
 * (sample mode, cancelling, marks), go through runner/trace/files.ts.
 */
import { type Libc, O, PAGE } from "../../ffi/mod.ts";
import { cPath, nodeFs, readLink, readText, readWith } from "./files.ts";

export { cPath, PAGE };
const O_RDONLY = O.RDONLY, O_CLOEXEC = O.CLOEXEC, O_DIRECTORY = O.DIRECTORY;

/** What one statm read gives: resident and shared (file + shmem) bytes. */
export interface Statm { rss: number; shared: number }

/** Reads /proc files with one reusable buffer. */
export class ProcReader {
  private readonly small = new Uint8Array(new ArrayBuffer(256));
  /** Bytes of the last statm read, parsed by `statm`. */
  shared = 0;

  constructor(private readonly libc: Libc) {}

  /** Closes a descriptor this reader opened (nothing for -1). */
  close(fd: number): void {
    if (fd >= 0) this.libc.close(fd);
  }

  /** A descriptor on the statm of process `pid`, read through its thread `tid` (default: the leader). */
  openStatm(pid: number, tid = pid): number {
    return this.libc.open(cPath(tid === pid ? `/proc/${pid}/statm` : `/proc/${pid}/task/${tid}/statm`), O_RDONLY | O_CLOEXEC);
  }

  /** RSS in bytes from an open statm descriptor (sets `shared`), or -1 when the process is gone. */
  rss(fd: number): number {
    const buf = this.small;
    const n = this.libc.pread(fd, buf, buf.length, 0);
    if (n <= 0) return -1;
    let i = 0;
    while (i < n && buf[i] !== 32) i++; // skip size
    let rss = 0;
    for (i++; i < n && buf[i] !== 32; i++) rss = rss * 10 + buf[i] - 48;
    let shared = 0;
    for (i++; i < n && buf[i] !== 32; i++) shared = shared * 10 + buf[i] - 48;
    this.shared = shared * PAGE;
    return rss * PAGE;
  }

  /** Whole text of a /proc file of one record (status, smaps_rollup, cmdline), or null when it cannot be read. */
  text(path: string): string | null {
    return readWith(this.libc, path, true);
  }

  /** Whole text of a /proc file made of many records (smaps), read until a read returns nothing. */
  records(path: string): string | null {
    return readWith(this.libc, path);
  }

  /** argv of the process's current image, cut to ARGV_KEPT bytes (see `cutArgv`). */
  cmdline(pid: number): string[] {
    return cutArgv(splitCmdline(this.text(`/proc/${pid}/cmdline`)));
  }

  /** Whether `tid` is a thread of process `pid`. */
  isThreadOf(tid: number, pid: number): boolean {
    const fd = this.libc.open(cPath(`/proc/${pid}/task/${tid}`), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    this.libc.close(fd);
    return true;
  }

  /** PSS and the RSS split, from smaps_rollup and status; null when the process is gone. */
  detail(pid: number, tid = pid): { pss: number; anon: number; file: number; shmem: number } | null {
    const dir = tid === pid ? `/proc/${pid}` : `/proc/${pid}/task/${tid}`;
    const rollup = this.text(`${dir}/smaps_rollup`);
    const status = this.text(`${dir}/status`);
    if (!rollup || !status) return null;
    return {
      pss: kib(rollup, "Pss:"),
      anon: kib(status, "RssAnon:"),
      file: kib(status, "RssFile:"),
      shmem: kib(status, "RssShmem:"),
    };
  }

  /** PSS alone. */
  pss(pid: number, tid = pid): number {
    const rollup = this.text(tid === pid ? `/proc/${pid}/smaps_rollup` : `/proc/${pid}/task/${tid}/smaps_rollup`);
    return rollup ? kib(rollup, "Pss:") : -1;
  }

  /** The kernel's high-water RSS of the current image (fast mode). */
  hwm(pid: number, tid = pid): number {
    const status = this.text(tid === pid ? `/proc/${pid}/status` : `/proc/${pid}/task/${tid}/status`);
    return status ? kib(status, "VmHWM:") : -1;
  }
}

/** The value of a `Key:   123 kB` line, in bytes; 0 when absent. */
export function kib(text: string, key: string): number {
  const at = text.indexOf("\n" + key);
  const start = at >= 0 ? at + key.length + 1 : text.startsWith(key) ? key.length : -1;
  if (start < 0) return 0;
  return parseInt(text.slice(start, text.indexOf("\n", start)), 10) * 1024;
}

/** Bytes of argv kept for each exec image: what a person reads of a command line, at most. */
export const ARGV_KEPT = 4096;

/**
 * `argv` cut to about ARGV_KEPT bytes, so that memassert's own memory does not grow with the
 * arguments of what it traces: what is cut is replaced by a last element saying how much.
 *
 * @example
 * ```ts
 * cutArgv(["node", "x".repeat(120_000)]); // ["node", "xxx…x", "…(115910 more bytes of argv, 120005 in all)"]
 * ```
 */
export function cutArgv(argv: string[]): string[] {
  let total = 0;
  for (const a of argv) total += a.length + 1;
  if (total <= ARGV_KEPT) return argv;
  const kept: string[] = [];
  let used = 0;
  for (const a of argv) {
    if (used + a.length + 1 > ARGV_KEPT) {
      if (used + 1 < ARGV_KEPT) kept.push(a.slice(0, ARGV_KEPT - used - 1));
      break;
    }
    kept.push(a);
    used += a.length + 1;
  }
  const shown = kept.reduce((n, a) => n + a.length + 1, 0);
  kept.push(`…(${total - shown} more bytes of argv, ${total} in all)`);
  return kept;
}

/** argv from the text of /proc/PID/cmdline (NUL-separated, NUL-terminated). */
export function splitCmdline(text: string | null): string[] {
  if (!text) return [];
  const parts = text.split("\0");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Whole text of a /proc file, or null when it cannot be read (the process is gone). */
export function readProc(path: string): string | null {
  return readText(path);
}

/**
 * The smaps_rollup of `pid` (Rss, Pss, Anonymous… in kB), or null when it is gone. Read
 * through another thread when the main thread has exited (its own reads empty then).
 */
export function rollupOf(pid: number): string | null {
  const text = readProc(`/proc/${pid}/smaps_rollup`);
  if (text?.includes("Rss:")) return text;
  for (const tid of threadsOf(pid)) {
    const other = tid === pid ? null : readProc(`/proc/${pid}/task/${tid}/smaps_rollup`);
    if (other?.includes("Rss:")) return other;
  }
  return text;
}

/** What descriptor `fd` of this process is open on ("/dev/pts/3", "pipe:[123]"), or null. */
export function fdTarget(fd: number): string | null {
  return readLink(`/proc/self/fd/${fd}`);
}

/**
 * Whether descriptor `fd` was closed when this process started. Bun and Deno then open
 * /dev/null read-write in its place, where a shell's `>/dev/null` opens it write-only.
 */
export function wasClosedAtStart(fd: number): boolean {
  if (fdTarget(fd) !== "/dev/null") return false;
  const flags = /\nflags:\s+([0-7]+)/.exec(readProc(`/proc/self/fdinfo/${fd}`) ?? "");
  return flags !== null && (parseInt(flags[1], 8) & 3) === 2;
}

/** The pids of every process on the machine. */
export function allPids(): number[] {
  const out: number[] = [];
  for (const name of nodeFs().readdirSync("/proc")) if (name.charCodeAt(0) <= 57) out.push(Number(name));
  return out;
}

/** Current RSS of `pid` in bytes, 0 when it is gone. */
export function rssOf(pid: number): number {
  const statm = readProc(`/proc/${pid}/statm`);
  return statm === null ? 0 : Number(statm.split(" ")[1]) * PAGE;
}

/** The thread that traces `pid` ("self" for this process), 0 for none. */
export function tracerOf(pid: number | "self"): number {
  const m = /\nTracerPid:\s+(\d+)/.exec(readProc(`/proc/${pid}/status`) ?? "");
  return m ? Number(m[1]) : 0;
}

/** The parent of `pid`, 0 when it is gone. */
export function parentOf(pid: number): number {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : 0;
}

/** argv of `pid`'s current image. */
export function cmdlineOf(pid: number): string[] {
  return splitCmdline(readProc(`/proc/${pid}/cmdline`));
}

/**
 * Follows a process tree by parent links in /proc, for a caller that looks again and again
 * (sample mode): each poll lists /proc and reads the parent of new pids only.
 */
export class TreeWatch {
  private readonly parents = new Map<number, number>();

  /** `root` and every process descending from it now. */
  descendants(root: number): number[] {
    const now = new Set(allPids());
    for (const pid of this.parents.keys()) if (!now.has(pid)) this.parents.delete(pid);
    const children = new Map<number, number[]>();
    for (const pid of now) {
      let ppid = this.parents.get(pid);
      if (ppid === undefined) this.parents.set(pid, (ppid = parentOf(pid)));
      const list = children.get(ppid);
      if (list) list.push(pid);
      else children.set(ppid, [pid]);
    }
    const out: number[] = [];
    const queue = [root];
    while (queue.length) {
      const pid = queue.pop()!;
      out.push(pid);
      queue.push(...(children.get(pid) ?? []));
    }
    return out;
  }
}

/** Current RSS of process `pid`, read through a live thread when its main thread has exited; 0 when it is gone. */
export function liveRssOf(pid: number): number {
  const rss = rssOf(pid);
  if (rss > 0) return rss;
  for (const tid of threadsOf(pid)) {
    const statm = tid === pid ? null : readProc(`/proc/${pid}/task/${tid}/statm`);
    if (statm !== null) return Number(statm.split(" ")[1]) * PAGE;
  }
  return 0;
}

/** The processes whose tracer is thread `tracer`. */
export function tracedBy(tracer: number): number[] {
  return allPids().filter((pid) => tracerOf(pid) === tracer);
}

/** The threads of process `pid` (its leader included), or [] when it is gone. */
export function threadsOf(pid: number): number[] {
  try {
    return nodeFs().readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}
