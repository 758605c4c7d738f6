/**
 * The default reporter of `memassert test`: the cases listed by file, files sorted and each
 * file's cases as declared, under the file's name; failures explained under their case; then
 * the line `N passed, N failed[, N skipped] in T`, last. A file is printed once it and every
 * file before it have finished, so the list reads the same however the cases were scheduled.
 *
 * Live (a colour terminal): a status line at the bottom, rewritten in place, shows the
 * progress as cases finish and a case still running; the files are printed above it. Plain (a
 * pipe, a CI log, `NO_COLOR`): the same lines and nothing else, without any escape code.
 * Lines fit the sink's `columns` when it has them.
 *
 * @module
 */

import { formatCase, formatFileError, formatFileHeader, formatTotals } from "./case_text.ts";
import { ByFile, type FileBlock } from "./by_file.ts";
import { formatDuration } from "./summary.ts";
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
 * reporter.start({ files: 1, cases: 1, jobs: 4, plan });
 * reporter.caseFinished(result);  // test/parse.test.ts
 *                                 //   ✓ parse 10k rows  peak 41.2 MiB  …
 * reporter.finish(report);        // 1 passed, 0 failed in 1.24 s
 * ```
 */
export function createTerminalReporter(out: ReportSink, opts: TerminalOptions): Reporter {
  return opts.live ? liveReporter(out, opts.root) : plainReporter(out, opts.root);
}

function plainReporter(out: ReportSink, root?: string): Reporter {
  let byFile = new ByFile();
  const print = (blocks: FileBlock[]) => {
    for (const b of blocks) out.write(`${formatBlock(b, { root, columns: out.columns })}\n`);
  };
  return {
    start(info) {
      byFile = new ByFile(info.plan);
    },
    caseStarted() {},
    caseFinished(result) {
      byFile.add(result);
      print(byFile.ready());
    },
    fileError(error) {
      byFile.addError(error);
    },
    note(text) {
      print(byFile.rest());
      out.write(`${text}\n`);
    },
    finish(report) {
      print(byFile.rest());
      out.write(`${closing(report)}\n`);
    },
  };
}

function liveReporter(out: ReportSink, root?: string): Reporter {
  const counts = { cases: 0, passed: 0, failed: 0, skipped: 0 };
  let byFile = new ByFile();
  // Cases running now, oldest first: the oldest is the one worth showing, as the likely slow one.
  const running: CaseInfo[] = [];
  const columns = () => out.columns || DEFAULT_COLUMNS;

  const status = (): string => {
    const done = counts.passed + counts.failed + counts.skipped;
    const parts = [`running ${done}/${counts.cases}`, `${counts.passed} passed`, `${counts.failed} failed`];
    if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
    if (running.length > 0) parts.push(visible(running[0].name));
    return truncate(parts.join(" · "), columns() - 1);
  };
  // One write per event: the lines above the status, if any, then the redrawn status.
  const redraw = (above?: string) => {
    out.write(`${CLEAR_LINE}${above === undefined || above === "" ? "" : `${above}\n`}${status()}`);
  };
  const blocks = (list: FileBlock[]) => list.map((b) => formatBlock(b, { color: true, root, columns: columns() })).join("\n");

  return {
    start(info) {
      counts.cases = info.cases;
      byFile = new ByFile(info.plan);
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
      byFile.add(result);
      redraw(blocks(byFile.ready()));
    },
    fileError(error) {
      byFile.addError(error);
    },
    note(text) {
      const rest = blocks(byFile.rest());
      redraw(rest === "" ? text : `${rest}\n${text}`);
    },
    finish(report) {
      const rest = blocks(byFile.rest());
      out.write(`${CLEAR_LINE}${rest === "" ? "" : `${rest}\n`}${closing(report)}\n`);
    },
  };
}

/** A file's lines: why it could not be loaded, or its name and its cases under it. */
function formatBlock(b: FileBlock, opts: { color?: boolean; root?: string; columns?: number }): string {
  if (b.error !== null) return formatFileError(b.error, opts);
  return [formatFileHeader(b.file, opts), ...b.results.map((r) => formatCase(r, { ...opts, underFile: true }))].join("\n");
}

/** The last lines of the run: how many files failed to load, if any, then the totals and the time. */
function closing(report: TestReport): string {
  const n = report.fileErrors.length;
  const errors = n > 0 ? `${n} ${n === 1 ? "file" : "files"} could not be loaded\n` : "";
  const bailed = report.bailed ? `stopped at the first failure (--bail): ${cases(report.bailed.notRun)} not started\n` : "";
  return `${errors}${bailed}${formatTotals(report)} in ${formatDuration(report.wallMs)}`;
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
