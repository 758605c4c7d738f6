/**
 * The processes of a traced tree that are alive and have memory of their own, published by
 * the tracer for the sampler thread (sampler_worker.ts) in a SharedArrayBuffer. The tracer
 * writes only when a process starts, execs or ends, never at a stop; the sampler reads at
 * its own pace. A sequence number, odd while a write is under way, lets the reader retry
 * instead of reading a list half-changed.
 */

/** Processes published at most; a tree with more alive at once has the rest left out of the samples (the stops still read them). */
export const LIVE_SLOTS = 4096;
const SEQ = 0, COUNT = 1, FIRST = 2;

/** The shared buffer for a tree's live processes. */
export function liveBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer((FIRST + LIVE_SLOTS) * 4);
}

/** The tracer's side: adds and removes pids. */
export class LiveWriter {
  private readonly cells: Int32Array;
  constructor(buffer: SharedArrayBuffer) {
    this.cells = new Int32Array(buffer);
  }

  add(pid: number): void {
    const count = this.cells[COUNT];
    if (count === LIVE_SLOTS || this.indexOf(pid) >= 0) return;
    this.change(() => {
      this.cells[FIRST + count] = pid;
      this.cells[COUNT] = count + 1;
    });
  }

  remove(pid: number): void {
    const i = this.indexOf(pid);
    if (i < 0) return;
    this.change(() => {
      const last = this.cells[COUNT] - 1;
      this.cells[FIRST + i] = this.cells[FIRST + last];
      this.cells[COUNT] = last;
    });
  }

  private indexOf(pid: number): number {
    const count = this.cells[COUNT];
    for (let i = 0; i < count; i++) if (this.cells[FIRST + i] === pid) return i;
    return -1;
  }

  private change(write: () => void): void {
    Atomics.add(this.cells, SEQ, 1);
    write();
    Atomics.add(this.cells, SEQ, 1);
  }
}

/** The sampler's side: a consistent copy of the list into `into`; returns how many. */
export function readLive(buffer: SharedArrayBuffer, into: Int32Array): number {
  const cells = new Int32Array(buffer);
  for (;;) {
    const before = Atomics.load(cells, SEQ);
    if (before % 2 === 1) continue;
    const count = Math.min(cells[COUNT], into.length);
    for (let i = 0; i < count; i++) into[i] = cells[FIRST + i];
    if (Atomics.load(cells, SEQ) === before) return count;
  }
}
