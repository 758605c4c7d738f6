/**
 * Repeated runs of commands (`memassert run --runs N`, several commands): each figure of
 * every run, and their spread. Plain data; runner/report/series_text.ts prints it.
 */
import { median } from "../budget/judge.ts";

/** The lowest, middle and highest of a figure over the runs, and how far apart they are. */
export interface Spread {
  min: number;
  /** The middle value; for an even count, the mean of the middle two (bytes rounded to whole ones). */
  median: number;
  max: number;
  /** max − min. */
  spread: number;
  /** Every run's value, in the order of the runs. */
  values: number[];
}

/** The measured runs of one command, warm-up runs left out. */
export interface Series {
  argv: string[];
  rootPeakRss: Spread;
  treePeakRss: Spread;
  treePeakPss: Spread;
  wallMs: Spread;
  /** Its median tree peak over the smallest median tree peak of the commands compared (1 for the smallest). */
  ratio: number;
}

/** What `--export-json` writes (schema/series.schema.json). */
export interface SeriesReport {
  version: 1;
  /** Runs of each command that count, and warm-up runs made before them. */
  runs: number;
  warmup: number;
  commands: Series[];
}

/** The figures of one run that a series keeps. */
export interface RunFigures {
  rootPeakRss: number;
  treePeakRss: number;
  treePeakPss: number;
  wallMs: number;
}

/**
 * The spread of `values` (at least one). Bytes stay whole numbers; times keep microseconds.
 *
 * @example
 * ```ts
 * spreadOf([3, 1, 2]); // { min: 1, median: 2, max: 3, spread: 2, values: [3, 1, 2] }
 * ```
 */
export function spreadOf(values: number[], fractional = false): Spread {
  const min = Math.min(...values), max = Math.max(...values);
  const mid = fractional ? median(values.map((v) => v * 1000)) / 1000 : median(values);
  return { min, median: mid, max, spread: fractional ? round3(max - min) : max - min, values };
}

/** The series of every command, from their runs' figures, with the ratios between them. */
export function seriesOf(commands: { argv: string[]; runs: RunFigures[] }[]): Series[] {
  const all = commands.map(({ argv, runs }) => ({
    argv,
    rootPeakRss: spreadOf(runs.map((r) => r.rootPeakRss)),
    treePeakRss: spreadOf(runs.map((r) => r.treePeakRss)),
    treePeakPss: spreadOf(runs.map((r) => r.treePeakPss)),
    wallMs: spreadOf(runs.map((r) => r.wallMs), true),
    ratio: 1,
  }));
  const smallest = Math.min(...all.map((s) => s.treePeakRss.median));
  for (const s of all) s.ratio = smallest > 0 ? round3(s.treePeakRss.median / smallest) : 1;
  return all;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
