/**
 * What a reporter is: a sink of the events of a `memassert test` run, writing
 * text to the sink it is given. Reporters never measure, open files or read
 * the environment.
 */
import type { CaseInfo, CaseResult, FileError, TestReport } from "../testing/types.ts";

/** The events of a `memassert test` run, in order: `start`, then the others, then `finish` once. */
export interface Reporter {
  /**
   * Before any case runs: how many files and cases were found, and how many run at once;
   * `plan` lists the files (sorted) and the cases that will be reported, in that order.
   */
  start(info: { files: number; cases: number; jobs: number; plan?: Plan }): void;
  /** A case's process was started. Cases of different files run in parallel. */
  caseStarted(info: CaseInfo): void;
  /** A case has its verdict (skipped cases too); in finishing order, not file order. */
  caseFinished(result: CaseResult): void;
  /** A test file could not be loaded; none of its cases ran. */
  fileError(error: FileError): void;
  /** Text to show after the cases and before the totals (the comparison with a baseline). */
  note?(text: string): void;
  /** The run is over; the report holds every result and error seen above. */
  finish(report: TestReport): void;
}

/** What a run will report, in the order reports list it: files sorted, a file's cases as declared. */
export interface Plan {
  files: string[];
  cases: CaseInfo[];
}

/** Where a reporter writes. `isTTY` and `columns` describe a terminal, when it is one. */
export interface ReportSink {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

/** The reporters `--reporter` can name. */
export type ReporterKind = "default" | "json" | "junit" | "bmf" | "github-benchmark";
