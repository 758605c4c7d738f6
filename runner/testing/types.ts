/**
 * The plain data of a `memassert test` run: the cases found, the files that
 * could not be loaded, and the report.
 */
import type { CaseRef, CaseResult } from "../budget/types.ts";

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
}
