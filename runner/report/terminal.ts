/**
 * The default reporter of `memassert test`: one line per case as it finishes, failures
 * explained under their case, and last the line `N passed, N failed[, N skipped]`.
 *
 * Live (a colour terminal): a status line at the bottom, rewritten in place, shows the
 * progress and a case still running; finished cases are printed above it. Plain (a pipe, a
 * CI log, `NO_COLOR`): the same case lines and nothing else, without any escape code.
 *
 * @module
 */

import { formatCase, formatFileError, formatTotals } from "./case_text.ts";
import type { Reporter, ReportSink } from "./types.ts";
import { visible } from "./text.ts";
import type { CaseInfo, TestReport } from "../testing/types.ts";

/** Options of {@link createTerminalReporter}. */
export interface TerminalOptions {
  /** Show the live status line and colour the marks. Only for a terminal that allows colour. */
  live: boolean;
  /** Paths under this directory are shown relative to it. */
  root?: string;
}

/** Returns the cursor to the start of the line and erases it: the status line is redrawn there. */
export const CLEAR_LINE = "\r\x1b[2K";

/** Width assumed when the sink does not say how wide the terminal is. */
const DEFAULT_COLUMNS = 80;

/**
 * Creates the default reporter. {@link createReporter} chooses `live` for a terminal that
 * allows colour; use that unless you need this one directly.
 *
 * @example
 * ```ts
 * const reporter = createTerminalReporter(process.stdout, { live: false });
 * reporter.start({ files: 1, cases: 1, jobs: 4 });
 * reporter.caseFinished(result);  // ✓ test/parse.test.ts › parse 10k rows  peak 41.2 MiB  …
 * reporter.finish(report);        // 1 passed, 0 failed
 * ```
 */
export function createTerminalReporter(out: ReportSink, opts: TerminalOptions): Reporter {
  return opts.live ? liveReporter(out, opts.root) : plainReporter(out, opts.root);
}

function plainReporter(out: ReportSink, root?: string): Reporter {
  return {
    start() {},
    caseStarted() {},
    caseFinished(result) {
      out.write(`${formatCase(result, { root })}\n`);
    },
    fileError(error) {
      out.write(`${formatFileError(error, { root })}\n`);
    },
    finish(report) {
      out.write(`${closing(report)}\n`);
    },
  };
}

function liveReporter(out: ReportSink, root?: string): Reporter {
  const counts = { cases: 0, passed: 0, failed: 0, skipped: 0 };
  // Cases running now, oldest first: the oldest is the one worth showing, as the likely slow one.
  const running: CaseInfo[] = [];

  const status = (): string => {
    const done = counts.passed + counts.failed + counts.skipped;
    const parts = [`running ${done}/${counts.cases}`, `${counts.passed} passed`, `${counts.failed} failed`];
    if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
    if (running.length > 0) parts.push(visible(running[0].name));
    return truncate(parts.join(" · "), (out.columns || DEFAULT_COLUMNS) - 1);
  };
  // One write per event: the line above the status, if any, then the redrawn status.
  const redraw = (above?: string) => {
    out.write(`${CLEAR_LINE}${above === undefined ? "" : `${above}\n`}${status()}`);
  };

  return {
    start(info) {
      counts.cases = info.cases;
      redraw();
    },
    caseStarted(info) {
      running.push(info);
      redraw();
    },
    caseFinished(result) {
      const i = running.findIndex((c) => c.file === result.file && c.name === result.name);
      if (i !== -1) running.splice(i, 1);
      counts[result.status]++;
      redraw(formatCase(result, { color: true, root, columns: out.columns || DEFAULT_COLUMNS }));
    },
    fileError(error) {
      redraw(formatFileError(error, { color: true, root }));
    },
    finish(report) {
      out.write(`${CLEAR_LINE}${closing(report)}\n`);
    },
  };
}

/** The last lines of the run: how many files failed to load, if any, then the totals. */
function closing(report: TestReport): string {
  const n = report.fileErrors.length;
  const errors = n > 0 ? `${n} ${n === 1 ? "file" : "files"} could not be loaded\n` : "";
  const bailed = report.bailed ? `stopped at the first failure (--bail): ${cases(report.bailed.notRun)} not started\n` : "";
  return `${errors}${bailed}${formatTotals(report)}`;
}

function cases(n: number): string {
  return `${n} ${n === 1 ? "case" : "cases"}`;
}

/** Cuts text to `width` characters with an ellipsis, so the status line never wraps. */
function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}
