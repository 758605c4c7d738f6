/**
 * RSS over time on one line of a terminal: each cell is a slice of the run's time, drawn
 * with one of eight block heights by the highest reading of the tree in that slice, and the
 * cell that holds the peak is emphasised. A pure function of a timeline.
 *
 * @module
 */
import type { Timeline } from "../measure/result.ts";
import { paint, STYLE } from "./text.ts";

const BLOCKS = "▁▂▃▄▅▆▇█";

/** Options of {@link sparkline}. */
export interface SparklineOptions {
  /** Cells wide. Default 32. */
  width?: number;
  /** Emphasise the peak's cell with ANSI codes. Default false. */
  color?: boolean;
}

/**
 * The tree's RSS over time as block characters, scaled from its lowest reading to its
 * highest (so that a case's growth above the runtime it runs in shows); null for a
 * timeline with no reading. A slice with no reading repeats the one before it (RSS stays
 * what it was until the next reading says otherwise).
 *
 * @example
 * ```ts
 * sparkline(result.timeline!, { width: 8 }); // "▁▂▄▆█▃▁▁"
 * ```
 */
export function sparkline(t: Timeline, opts: SparklineOptions = {}): string | null {
  const width = Math.max(1, opts.width ?? 32);
  const points = t.tree;
  if (points.length === 0) return null;
  const end = Math.max(points[points.length - 1][0], t.peakMs, 1e-3);
  const cells = new Array<number>(width).fill(-1);
  const cellOf = (ms: number) => Math.min(width - 1, Math.floor((ms / end) * width));
  let top = 0, low = Infinity;
  for (const [ms, v] of points) {
    const c = cellOf(ms);
    cells[c] = Math.max(cells[c], v);
    top = Math.max(top, v);
    low = Math.min(low, v);
  }
  for (let c = 0, last = 0; c < width; c++) {
    if (cells[c] < 0) cells[c] = last;
    last = cells[c];
  }
  const peak = cellOf(t.peakMs);
  return cells.map((v, c) => {
    const block = BLOCKS[top === low ? 7 : Math.min(7, Math.round(((v - low) / (top - low)) * 7))];
    return c === peak ? paint(opts.color, STYLE.bold + STYLE.red, block) : block;
  }).join("");
}
