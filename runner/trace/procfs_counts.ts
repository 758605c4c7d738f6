/**
 * The /proc reads of the careful readings (lag.ts), on kernels whose statm can be off:
 * a process's page-fault count from /proc/PID/stat, and its exact RSS from smaps_rollup,
 * on descriptors kept open and parsed from the bytes read, so that no string is made.
 * The other /proc reads are in procfs.ts.
 */
import { type Libc, O } from "../../ffi/mod.ts";
import { cPath } from "./procfs.ts";

const FLAGS = O.RDONLY | O.CLOEXEC;

/** Reads fault counts and smaps_rollup with buffers of its own. */
export class CountsReader {
  private readonly stat = new Uint8Array(new ArrayBuffer(1024));
  private readonly rollup = new Uint8Array(new ArrayBuffer(16 * 1024));
  /** Anonymous bytes of the last `rollupRss` read. */
  rollupAnon = 0;

  constructor(private readonly libc: Libc) {}

  close(fd: number): void {
    this.libc.close(fd);
  }

  openStat(pid: number): number {
    return this.libc.open(cPath(`/proc/${pid}/stat`), FLAGS);
  }

  /** Page faults of the whole process, past threads included, from an open /proc/PID/stat; -1 when it is gone. */
  faults(fd: number): number {
    const n = this.libc.pread(fd, this.stat, this.stat.length, 0);
    return n <= 0 ? -1 : statFaults(this.stat, n);
  }

  /** A descriptor on the smaps_rollup of `pid`, through its thread `tid`; it stays on the memory it was opened on (not the next exec's). */
  openRollup(pid: number, tid = pid): number {
    return this.libc.open(cPath(tid === pid ? `/proc/${pid}/smaps_rollup` : `/proc/${pid}/task/${tid}/smaps_rollup`), FLAGS);
  }

  /** Rss of an open smaps_rollup (sets `rollupAnon`), a page-table walk: exact on every kernel. -1 when it is gone. */
  rollupRss(fd: number): number {
    // One read takes it all: the file is some twenty lines.
    const n = this.libc.pread(fd, this.rollup, this.rollup.length, 0);
    if (n <= 0) return -1;
    this.rollupAnon = kibIn(this.rollup, n, ANON_KEY);
    return kibIn(this.rollup, n, RSS_KEY);
  }
}

/** The bytes of "\nKEY", to find a `KEY   123 kB` line with {@link kibIn}. */
function keyOf(key: string): number[] {
  return [10, ...new TextEncoder().encode(key)];
}

/** The value of a `Key:   123 kB` line in `buf`'s first `n` bytes, in bytes; -1 when absent. */
function kibIn(buf: Uint8Array, n: number, key: number[]): number {
  outer: for (let i = 0; i + key.length < n; i++) {
    for (let k = 0; k < key.length; k++) if (buf[i + k] !== key[k]) continue outer;
    let j = i + key.length, value = 0;
    while (j < n && buf[j] === 32) j++;
    for (; j < n && buf[j] >= 48 && buf[j] <= 57; j++) value = value * 10 + buf[j] - 48;
    return value * 1024;
  }
  return -1;
}

/**
 * minflt + majflt (fields 10 and 12) of a /proc/PID/stat line in `buf`'s first `n` bytes;
 * -1 when it is cut short. The command name may hold spaces and parentheses: fields count
 * from the last ")".
 */
function statFaults(buf: Uint8Array, n: number): number {
  let i = n - 1;
  while (i > 0 && buf[i] !== 41) i--;
  let field = 2, total = 0, value = 0;
  for (i++; i < n; i++) {
    if (buf[i] !== 32) {
      value = value * 10 + buf[i] - 48;
      continue;
    }
    if (field === 10) total += value;
    if (field === 12) return total + value;
    field++;
    value = 0;
  }
  return -1;
}

const RSS_KEY = keyOf("Rss:"), ANON_KEY = keyOf("Anonymous:");
