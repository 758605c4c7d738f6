/**
 * A bounded record of RSS over time. Each reading is a row: a time, the tree's RSS, and the
 * RSS of every process read then. Rows go into typed arrays (nothing is allocated per
 * reading, so the tracer's stops stay cheap); when `maxRows` are full, the rows are thinned:
 * time is cut into windows, and each window keeps only its highest and its lowest reading of
 * the tree (so a ramp still looks like a ramp and a saw like a saw), the first and the last.
 * Windows only widen, so a run of any length holds at most `maxRows` rows, and the highest
 * reading, the exact peak when it came from a stop, is always kept.
 */

/** Rows kept at most: per run, and so per process. */
export const MAX_ROWS = 2048;

/** The rows as plain data, to send between threads. Row i holds `pids`/`rss` from `start[i]` to `start[i + 1]`. */
export interface TimelineRows {
  ms: number[];
  tree: number[];
  start: number[];
  pids: number[];
  rss: number[];
}

export class TimelineRecorder {
  private ms: Float64Array;
  private tree: Float64Array;
  /** Segment of each row: windows never join rows of two segments (a mark lies between). */
  private seg: Int32Array;
  private start: Int32Array;
  private pids = new Int32Array(1024);
  private rss = new Float64Array(1024);
  private n = 0;
  private m = 0;
  private segment = 0;
  /** Width of the thinning windows, in ms; 0 until the first thinning. */
  private window = 0;

  constructor(readonly maxRows = MAX_ROWS) {
    if (maxRows < 8) throw new RangeError(`a timeline needs room for 8 rows at least, got ${maxRows}`);
    this.ms = new Float64Array(maxRows);
    this.tree = new Float64Array(maxRows);
    this.seg = new Int32Array(maxRows);
    this.start = new Int32Array(maxRows + 1);
  }

  /** Rows held now. */
  get length(): number {
    return this.n;
  }

  /** Starts a reading at `ms`; then `value()` per process and `end()`. */
  begin(ms: number): void {
    if (this.n === this.maxRows) this.thin();
    this.ms[this.n] = ms;
    this.seg[this.n] = this.segment;
    this.start[this.n] = this.m;
  }

  value(pid: number, rss: number): void {
    if (this.m === this.pids.length) this.grow();
    this.pids[this.m] = pid;
    this.rss[this.m++] = rss;
  }

  /** Ends the reading begun last, with the tree's RSS. */
  end(tree: number): void {
    this.tree[this.n++] = tree;
    this.start[this.n] = this.m;
  }

  /** Readings after this are never thinned together with readings before it (a mark). */
  boundary(): void {
    this.segment++;
  }

  /** Everything held, as plain data. */
  rows(): TimelineRows {
    const n = this.n, m = this.start[n];
    return {
      ms: Array.from(this.ms.subarray(0, n)),
      tree: Array.from(this.tree.subarray(0, n)),
      start: Array.from(this.start.subarray(0, n + 1)),
      pids: Array.from(this.pids.subarray(0, m)),
      rss: Array.from(this.rss.subarray(0, m)),
    };
  }

  private grow(): void {
    const pids = new Int32Array(this.pids.length * 2);
    const rss = new Float64Array(this.rss.length * 2);
    pids.set(this.pids);
    rss.set(this.rss);
    this.pids = pids;
    this.rss = rss;
  }

  /** Keeps at most half of `maxRows`, widening the windows until that holds. */
  private thin(): void {
    const n = this.n;
    if (this.window === 0) this.window = Math.max((this.ms[n - 1] - this.ms[0]) / (this.maxRows / 4), 1e-3);
    let keep = this.choose(true);
    for (let tries = 0; keep.length > this.maxRows / 2; tries++) {
      this.window *= 2;
      // Too many marks to keep every window apart: let windows span them.
      keep = this.choose(tries < 8);
    }
    this.move(keep);
  }

  /** The rows to keep: first, last, and each window's lowest and highest, in time order. */
  private choose(bySegment: boolean): number[] {
    const keep: number[] = [];
    let from = 0;
    while (from < this.n) {
      const key = Math.floor(this.ms[from] / this.window);
      let to = from + 1;
      while (to < this.n && Math.floor(this.ms[to] / this.window) === key && (!bySegment || this.seg[to] === this.seg[from])) to++;
      let lo = from, hi = from;
      for (let i = from + 1; i < to; i++) {
        if (this.tree[i] < this.tree[lo]) lo = i;
        if (this.tree[i] > this.tree[hi]) hi = i;
      }
      if (from === 0 && lo !== 0 && hi !== 0) keep.push(0);
      keep.push(Math.min(lo, hi));
      if (lo !== hi) keep.push(Math.max(lo, hi));
      if (to === this.n && keep[keep.length - 1] !== to - 1) keep.push(to - 1);
      from = to;
    }
    return keep;
  }

  /** Moves the kept rows to the front, in order (each moves backwards, so nothing is overwritten). */
  private move(keep: number[]): void {
    let m = 0;
    keep.forEach((i, k) => {
      const from = this.start[i], to = this.start[i + 1];
      this.ms[k] = this.ms[i];
      this.tree[k] = this.tree[i];
      this.seg[k] = this.seg[i];
      this.start[k] = m;
      this.pids.copyWithin(m, from, to);
      this.rss.copyWithin(m, from, to);
      m += to - from;
    });
    this.n = keep.length;
    this.start[this.n] = m;
    this.m = m;
  }
}
