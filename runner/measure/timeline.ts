/**
 * The published timeline of a run: the tracer's readings (one at every stop) and the
 * sampler's (one every interval) merged in time order, thinned to the bound
 * (runner/trace/timeline.ts), and turned into one series for the tree and one per process.
 */
import { TimelineRecorder, type TimelineRows } from "../trace/timeline.ts";
import type { Timeline } from "./result.ts";

/** What goes into a timeline: readings timed in ms from the start of the run. */
export interface TimelineInput {
  /** Readings sets, each in time order (the tracer's stops, the sampler's ticks). */
  sets: TimelineRows[];
  intervalMs: number;
  maxRows: number;
  /** When the tree reached its peak, if known. */
  peakMs: number | null;
  /** Marks, in ms: no thinning window spans one, so a case's own peak survives. */
  marksMs: number[];
  /**
   * Highest RSS known of each pid and of the tree; readings above are cut to them. In exact
   * mode a sample read between two stops can only exceed these by reading processes at
   * slightly different moments (one freeing, another growing): the chart must not show a
   * peak the stops proved never happened.
   */
  caps: { tree: number; byPid: Map<number, number> } | null;
}

/** Merges, caps and thins readings into the published shape. */
export function buildTimeline(input: TimelineInput): Timeline {
  const rec = new TimelineRecorder(input.maxRows);
  const at = input.sets.map(() => 0);
  const marks = [...input.marksMs].sort((a, b) => a - b);
  let mark = 0;
  for (;;) {
    let best = -1;
    input.sets.forEach((s, k) => {
      if (at[k] < s.ms.length && (best < 0 || s.ms[at[k]] < input.sets[best].ms[at[best]])) best = k;
    });
    if (best < 0) break;
    const s = input.sets[best], i = at[best]++;
    while (mark < marks.length && marks[mark] <= s.ms[i]) {
      rec.boundary();
      mark++;
    }
    const capOf = (pid: number) => input.caps?.byPid.get(pid) ?? Infinity;
    rec.begin(s.ms[i]);
    let sum = 0;
    for (let j = s.start[i]; j < s.start[i + 1]; j++) {
      const rss = Math.min(s.rss[j], capOf(s.pids[j]));
      rec.value(s.pids[j], rss);
      sum += rss;
    }
    rec.end(Math.min(sum, input.caps?.tree ?? Infinity));
  }
  return shape(rec.rows(), input);
}

function shape(rows: TimelineRows, input: TimelineInput): Timeline {
  const tree: [number, number][] = [];
  const byPid = new Map<number, [number, number][]>();
  let top = 0;
  rows.ms.forEach((ms, i) => {
    const t = round(ms);
    tree.push([t, rows.tree[i]]);
    if (rows.tree[i] > rows.tree[top]) top = i;
    for (let j = rows.start[i]; j < rows.start[i + 1]; j++) {
      const points = byPid.get(rows.pids[j]) ?? [];
      points.push([t, rows.rss[j]]);
      byPid.set(rows.pids[j], points);
    }
  });
  return {
    intervalMs: input.intervalMs,
    maxPoints: input.maxRows,
    peakMs: round(input.peakMs ?? rows.ms[top] ?? 0),
    tree,
    processes: [...byPid].map(([pid, points]) => ({ pid, points })),
  };
}

/**
 * The part of `t` between `fromMs` and `toMs` (a test case, between its marks), timed from
 * `fromMs`; its peak is the highest reading of the tree there.
 */
export function cutTimeline(t: Timeline, fromMs: number, toMs: number): Timeline {
  // The reading at the start mark is taken just before it is recorded: the last one up to
  // `fromMs` is where the window starts.
  const within = (points: [number, number][]) => {
    const first = points.findLastIndex(([ms]) => ms <= fromMs);
    return points.slice(Math.max(first, 0)).filter(([ms]) => ms <= toMs && (first >= 0 || ms >= fromMs))
      .map(([ms, v]): [number, number] => [round(Math.max(ms - fromMs, 0)), v]);
  };
  const tree = within(t.tree);
  let peak = 0;
  tree.forEach(([, v], i) => {
    if (v > tree[peak][1]) peak = i;
  });
  return {
    ...t,
    peakMs: tree.length ? tree[peak][0] : 0,
    tree,
    processes: t.processes.map((p) => ({ pid: p.pid, points: within(p.points) })).filter((p) => p.points.length > 0),
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
