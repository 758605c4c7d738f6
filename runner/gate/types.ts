/**
 * The plain data of the CI gate: a baseline file, the environment that produced it, and how
 * each case compares with it. Stages pass these along; reporters turn them into text.
 */
import type { Tolerance } from "../budget/tolerance.ts";

/** Where figures were measured; two baselines are comparable when these match. */
export interface Environment {
  /** memassert's version: "0.1.0". */
  memassert: string;
  /** The runtime that ran the cases and its version ("bun 1.4.5"), or null when unknown. */
  runtime: string | null;
  /** The machine: "x86_64". */
  arch: string;
  /** The kernel's release: "6.18.44". */
  kernel: string;
  /** The C library and its version ("glibc 2.36"), or null when unknown. */
  libc: string | null;
}

/** A case's figures in a baseline, in bytes; a command has `peak` (its root) and `tree`. */
export interface BaselineEntry {
  peak?: number;
  growth?: number;
  tree?: number;
}

/** A baseline file: the environment it was made in and each case's figures, by case id. */
export interface Baseline {
  environment: Environment;
  cases: Record<string, BaselineEntry>;
}

/** The figures a baseline entry holds. */
export type Metric = keyof BaselineEntry;

/** How a case or a figure compares with its baseline. */
export type GateVerdict = "regressed" | "improved" | "unchanged" | "new";

/** One figure of a case against its baseline. */
export interface MetricChange {
  metric: Metric;
  baseline: number;
  now: number;
  /** `now − baseline`, in bytes. */
  change: number;
  /** The most `now` may reach: `baseline × (1 + relative) + absolute`. */
  allowed: number;
  tolerance: Tolerance;
  /**
   * When a suspected change was re-run to confirm it: the figure at the first look (the
   * median of the case's runs), then in each confirmation run. The verdict holds only when
   * every look agrees, so `now` (the median of all runs) may pass `allowed` in a case whose
   * confirmation runs did not all regress.
   */
  looks?: number[];
  verdict: Exclude<GateVerdict, "new">;
}

/** A case against the baseline. */
export interface CaseGate {
  /** `relative/path.mem.ts › case name`, or a command's `--name`. */
  id: string;
  /** `regressed` when any figure did, else `improved` when any did, else `unchanged`; `new` without an entry. */
  verdict: GateVerdict;
  /** The figures found in both, in the order peak, growth, tree. */
  metrics: MetricChange[];
  /** The text added to the case's failure when it regressed, else null. */
  failure: string | null;
  /** Runs added to confirm a regression before judging it (`--confirm`). */
  confirmRuns: number;
}

/** The whole run against the baseline. */
export interface GateSummary {
  /** The baseline file, as given. */
  path: string;
  /** Cases by verdict. */
  regressed: number;
  improved: number;
  unchanged: number;
  new: number;
  /** Ids in the baseline whose case no longer exists, sorted. */
  removed: string[];
  /** How the environment differs from the baseline's, one line each ("kernel 6.1.0 → 6.18.44"). */
  environment: string[];
}
