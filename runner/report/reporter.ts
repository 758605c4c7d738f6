/**
 * What `memassert test` tells a reporter while it runs, and the choice of reporter.
 *
 * Reporters never open files or read the environment: they write text to the sink they are
 * given. The CLI decides where that is: stdout, or a file sink when `--outfile` is given
 * (the json and junit reporters write their whole document once, at `finish`, so a file
 * never holds half a report). It also decides `color`, from `isTTY`, `NO_COLOR` and flags.
 *
 * @module
 */

import type { TestReport } from "../testing/types.ts";
import { formatJson } from "./json.ts";
import { formatJUnit } from "./junit.ts";
import { createTerminalReporter } from "./terminal.ts";
import { formatBmf, formatGithubBenchmark } from "./trackers.ts";
import type { Reporter, ReporterKind, ReportSink } from "./types.ts";

export type { Reporter, ReporterKind, ReportSink } from "./types.ts";

/** Options of {@link createReporter}. */
export interface ReporterOptions {
  /**
   * Whether escape codes are allowed. With `color` and a sink that is a TTY, the default
   * reporter shows a live progress line; otherwise it writes plain lines. The json and junit
   * reporters never colour.
   */
  color: boolean;
  /** The default reporter shows paths under this directory relative to it. */
  root?: string;
}

/**
 * Creates the reporter of the given kind, writing to `out`.
 *
 * - `default`: one line per case as it finishes, failures explained under it, and last the
 *   line `N passed, N failed[, N skipped]`.
 * - `json`: at `finish`, the report as JSON ({@link formatJson}) and a newline.
 * - `junit`: at `finish`, the report as JUnit XML ({@link formatJUnit}) and a newline.
 * - `bmf`, `github-benchmark`: at `finish`, the figures for Bencher or github-action-benchmark.
 *
 * @throws {RangeError} when `kind` is none of the above.
 *
 * @example
 * ```ts
 * // memassert test: people read stdout…
 * const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
 * const reporter = createReporter("default", process.stdout, { color });
 * // …or --reporter junit --outfile report.xml: the CLI gives a file sink.
 * let xml = "";
 * const toFile = createReporter("junit", { write: (s) => { xml += s; } }, { color: false });
 * // after finish(report): writeFileSync("report.xml", xml)
 * ```
 */
export function createReporter(kind: ReporterKind, out: ReportSink, opts: ReporterOptions): Reporter {
  switch (kind) {
    case "default":
      return createTerminalReporter(out, { live: Boolean(out.isTTY) && opts.color, root: opts.root });
    case "json":
    case "junit":
    case "bmf":
    case "github-benchmark":
      return documentReporter(out, (report) => formatDocument(kind, report, opts.root));
    default:
      throw new RangeError(`Unknown reporter "${String(kind)}" (use default, json, junit, bmf or github-benchmark)`);
  }
}

/** The reporters that write one document at the end. */
export type DocumentKind = Exclude<ReporterKind, "default">;

/**
 * The whole report as the document `kind` names, without a trailing newline. Case ids in
 * `bmf` and `github-benchmark` are relative to `root` (default: the report's own root).
 *
 * @example
 * ```ts
 * writeFileAtomic("memory.xml", `${formatDocument("junit", report)}\n`);
 * ```
 */
export function formatDocument(kind: DocumentKind, report: TestReport, root = report.root ?? ""): string {
  switch (kind) {
    case "json":
      return formatJson(report);
    case "junit":
      return formatJUnit(report);
    case "bmf":
      return formatBmf(report.results, root);
    case "github-benchmark":
      return formatGithubBenchmark(report.results, root);
  }
}

/** A reporter that ignores progress and writes one document, the formatted report, at the end. */
function documentReporter(out: ReportSink, format: (report: TestReport) => string): Reporter {
  const ignore = () => {};
  return {
    start: ignore,
    caseStarted: ignore,
    caseFinished: ignore,
    fileError: ignore,
    finish(report) {
      out.write(`${format(report)}\n`);
    },
  };
}
