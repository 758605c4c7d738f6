/**
 * The plain data of a memory verdict: what a case asks for, what its runs
 * measured, and the verdict. Shared by `memassert test`, the plugins and the
 * reporters, which are functions from these to text.
 */
import type { CaseGate } from "../gate/types.ts";
import type { ProcessResult, Timeline } from "../measure/result.ts";
import type { ToleranceOption, Tolerances } from "./tolerance.ts";

/** Limits and settings of a case; sizes are strings ("48 MiB") or bytes. */
export interface CaseOptions {
  /** Limit on the case's peak RSS. */
  budget?: string | number;
  /** Limit on the RSS the case adds above the process's RSS when it starts (after load and a full GC). */
  growth?: string | number;
  /**
   * Limit on the RSS the case leaves behind: RSS after its end and a full GC, minus RSS at
   * its start. Garbage does not count; what the case keeps (a leak, a cache) does.
   */
  retained?: string | number;
  /** Limit on the JS heap in use after the case's end and a full GC, minus before it started. */
  heapRetained?: string | number;
  /** Run the case this many times and judge the median. */
  runs?: number;
  /** Run the body this many times before the measured run, unmarked (JIT code and lazy initialisation stop counting). */
  warmup?: number;
  /**
   * Run the body this many times (at least 3) in the same process, each followed by a full GC,
   * and fail when the JS heap retained keeps growing from run 2 on by more than `leakPerRun`.
   */
  leakRuns?: number;
  /** With `leakRuns`: how much the heap retained may grow per run (default 64 KiB). */
  leakPerRun?: string | number;
  /** Milliseconds before the case is killed and failed. */
  timeout?: number;
  /** Kill the case once its process passes this RSS. */
  killAbove?: string | number;
  /**
   * How far the case may move above its baseline before it regresses: `"+5% 512KiB"` for
   * peak and growth, or `{ peak: "+5% 1MiB", growth: "+5% 256KiB" }`; a part left out keeps
   * its default (10 %, and 1 MiB for peak, 256 KiB for growth).
   */
  tolerance?: ToleranceOption;
}

/** A case's options once sizes are parsed and defaults applied. */
export interface ResolvedOptions {
  budget: number | null;
  growth: number | null;
  runs: number;
  timeout: number;
  killAbove: number | null;
  /** Where the kill-above limit came from, to say so when a case is killed. */
  killAboveSource: string;
  /** Where the budget is set (where the growth limit is, without a budget), to tell the user where to change it. */
  source: string;
  /** Where the growth limit is set. */
  growthSource: string;
  /** Limit on the RSS retained after the case and a full GC. */
  retained: number | null;
  /** Where the retained limit is set. */
  retainedSource: string;
  /** Limit on the JS heap retained after the case and a full GC. */
  heapRetained: number | null;
  /** Where the heap-retained limit is set. */
  heapRetainedSource: string;
  /** Unmarked runs before the measured one (0: none). */
  warmup: number;
  /** Runs in one process to judge a leak by (null: not asked). */
  leakRuns: number | null;
  /** Bytes the heap retained may grow per run, with `leakRuns`. */
  leakPerRun: number;
  /** Where `leakRuns` (or `leakPerRun`) is set. */
  leakSource: string;
  /**
   * How far above its baseline the case may go, per metric, and where that was set; always
   * set by `resolveOptions` (absent, the gate applies the command line's, the config's or the
   * default).
   */
  tolerance?: Tolerances;
}

/** A case as its verdict names it: where it is declared, its name, and its resolved limits. */
export interface CaseRef {
  file: string;
  name: string;
  /** file:line of the call that declared it. */
  location: string;
  options: ResolvedOptions;
}

/** One run of a case in its own traced process. */
export interface RunMeasure {
  /** Peak RSS of the case's process while the case ran. */
  peak: number;
  /** Peak RSS minus the RSS when the case started. */
  growth: number;
  /** RSS when the case started, after its file was loaded and a full GC. */
  baseline: number;
  /** Peak RSS of the case's whole process tree (commands it ran included). */
  treePeak: number;
  wallMs: number;
  /** RSS after the case's end and a full GC, minus RSS at its start (negative when it freed more than it kept); absent from older results. */
  retained?: number | null;
  /** JS heap in use after the case's end and a full GC, minus before the case; absent from older results. */
  heapRetained?: number | null;
  /** With `leakRuns`: after each run, each after a full GC, what was retained since the case started. */
  leak?: LeakSeries;
}

/** What a case retained after each of its runs in one process (run 1 first), since it started. */
export interface LeakSeries {
  /** JS heap in use minus before the case; null where the runtime gives no figure. */
  heapRetained: (number | null)[];
  /** RSS minus the RSS at the case's start. */
  retained: number[];
}

/** One object type's growth in the JS heap over a case, from heap snapshots after a full GC. */
export interface TypeGrowth {
  /** The constructor's name ("Map", "Leaked"), or a kind of heap cell in parentheses ("(string)"). */
  type: string;
  /** Objects of the type added. */
  count: number;
  /** Their own bytes added (what they point to is counted under its own type). */
  size: number;
}

/** The verdict of `leakRuns` on a case. */
export interface LeakVerdict {
  /** Runs in the process (the figures of the median run's process). */
  runs: number;
  heapRetained: (number | null)[];
  retained: number[];
  /** Least-squares slope of the heap retained over runs 2 to N, in bytes per run (median over the case's processes). */
  slope: number;
  /** Least-squares slope of the RSS retained over runs 2 to N, in bytes per run. */
  rssSlope: number;
  /** The slope allowed. */
  limit: number;
  leaking: boolean;
}

export type CaseStatus = "passed" | "failed" | "skipped";

/** The verdict on a case, over all its runs. */
export interface CaseResult {
  file: string;
  name: string;
  location: string;
  status: CaseStatus;
  /** Medians over the runs that completed; null when none did. */
  peak: number | null;
  growth: number | null;
  baseline: number | null;
  treePeak: number | null;
  budget: number | null;
  growthBudget: number | null;
  /** Medians of the runs' retained RSS and JS heap; null when unknown (absent in results from before they existed). */
  retained?: number | null;
  heapRetained?: number | null;
  /** The limits on them, or null. */
  retainedBudget?: number | null;
  heapRetainedBudget?: number | null;
  /**
   * For a case that failed on its figures: the object types that grew most in the JS heap, top
   * 10, from a run made again with heap snapshots; null when the runtime could not count them.
   */
  types?: TypeGrowth[] | null;
  /** With `leakRuns`: the figures per run and the slope's verdict. */
  leak?: LeakVerdict;
  /** Bytes left under the tightest limit (negative when over); null without limits. */
  headroom: number | null;
  runs: RunMeasure[];
  /** Why it failed: the error and stack, or the figure, limit, excess and where to change it. */
  failure: string | null;
  /** What the case printed, kept when it failed. */
  output: string;
  wallMs: number;
  /** RSS over time between the case's start and end, timed from its start, when it was recorded (a report or sparkline asked for it). */
  trace?: CaseTrace;
  /** The case's tolerances against a baseline; absent in results from before they existed. */
  tolerance?: Tolerances;
  /** The comparison with the baseline, when the run had one. */
  gate?: CaseGate;
}

/** A case's timeline and the processes of its tree (their peaks over their whole life). */
export interface CaseTrace {
  timeline: Timeline;
  processes: ProcessResult[];
}

/** What one run gave: a measure, or why there is none. */
export type RunOutcome = { measure: RunMeasure; error: string | null; output: string; trace?: CaseTrace; types?: TypeGrowth[] | null } | {
  measure: null;
  error: string;
  output: string;
};
