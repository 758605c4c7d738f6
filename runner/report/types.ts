/**
 * What a reporter is: a sink of the events of a `memassert test` run, writing
 * text to the sink it is given. Reporters never measure, open files or read
 * the environment.
 */
import type { CaseInfo, CaseResult, FileError, TestReport } from "../testing/types.ts";

/** The events of a `memassert test` run, in order: `start`, then the others, then `finish` once. */
export interface Reporter {
  /** Before any case runs: how many files and cases were found, and how many run at once. */
  start(info: { files: number; cases: number; jobs: number }): void;
  /** A case's process was started. Cases of different files run in parallel. */
  caseStarted(info: CaseInfo): void;
  /** A case has its verdict (skipped cases too); in finishing order, not file order. */
  caseFinished(result: CaseResult): void;
  /** A test file could not be loaded; none of its cases ran. */
  fileError(error: FileError): void;
  /** The run is over; the report holds every result and error seen above. */
  finish(report: TestReport): void;
}

/** Where a reporter writes. `isTTY` and `columns` describe a terminal, when it is one. */
export interface ReportSink {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

/** The reporters `--reporter` can name. */
export type ReporterKind = "default" | "json" | "junit" | "bmf" | "github-benchmark";
