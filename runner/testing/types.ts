/**
 * The plain data of a `memassert test` run: the cases found, the files that
 * could not be loaded, and the report.
 */
import type { CaseRef, CaseResult } from "../budget/types.ts";
import type { Shard } from "../gate/shard.ts";
import type { Environment, GateSummary } from "../gate/types.ts";

export type { CaseOptions, CaseResult, CaseStatus, ResolvedOptions, RunMeasure } from "../budget/types.ts";

/** One case found in a test file. */
export interface CaseInfo extends CaseRef {
  /** Position of the case among the file's `test()` calls. */
  index: number;
  only: boolean;
  skip: boolean;
}

/** A test file that could not be loaded (syntax error, bad budget string…). */
export interface FileError {
  file: string;
  message: string;
}

/** Everything a `memassert test` run produced. */
export interface TestReport {
  results: CaseResult[];
  /** Cases found in the files, before `only` and the name filter. */
  found: number;
  fileErrors: FileError[];
  passed: number;
  failed: number;
  skipped: number;
  wallMs: number;
  /** Why no case could be traced (ptrace refused), when that stopped the run; else null. */
  untraceable: string | null;
  /** The memassert, runtime and machine that produced it (absent from results of other writers). */
  environment?: Environment;
  /** The project root that case ids are relative to. */
  root?: string;
  /** The PATHS the run searched, as given: a baseline case under them that was not found was removed. */
  paths?: string[];
  /** The part of the cases this run ran (`--shard i/n`). */
  shard?: Shard;
  /** The run against its baseline, when it had one. */
  gate?: GateSummary;
  /** Set when --bail stopped the run at its first failure: how many cases it then did not start. */
  bailed?: { notRun: number };
}
