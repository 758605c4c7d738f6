/**
 * The text of the default reporter, as pure functions: a finished case, a file that could not
 * be loaded, and the closing totals. `report_terminal.ts` decides when to print them.
 *
 * @module
 */

import { formatBytes } from "../budget/bytes.ts";
import { hasLimit } from "../budget/unlimited.ts";
import { paint, printable, stripAnsi, STYLE, visible } from "./text.ts";
import { sparkline } from "./sparkline.ts";
import type { CaseResult, FileError, TestReport } from "../testing/types.ts";

/** Options of {@link formatCase} and {@link formatFileError}. */
export interface CaseTextOptions {
  /** Colour the status mark with ANSI codes. Default false. */
  color?: boolean;
  /** Paths under this directory are shown relative to it (the current directory). */
  root?: string;
  /**
   * Width of the terminal: a case with a timeline gets a sparkline of its RSS at the end of
   * its first line when the line then still fits. Default: no sparkline.
   */
  columns?: number;
}

/** Cells of a case's sparkline. */
export const CASE_SPARKLINE_CELLS = 24;

/** How many of the last lines of a failed case's output are shown. */
export const OUTPUT_LINES = 20;

const MARK = { passed: "✓", failed: "✗", skipped: "-" } as const;
const STATUS_STYLE = { passed: STYLE.green, failed: STYLE.red, skipped: STYLE.yellow } as const;
const INDENT = "    ";

/**
 * The lines of a finished case: a mark, the file and the name, then its figures. A failed case
 * adds its explanation, indented, and the last {@link OUTPUT_LINES} lines of what it printed.
 * Escape codes and control characters from the case are removed. Ends without a newline.
 *
 * Each line names its file, since cases of different files finish interleaved.
 *
 * @example
 * ```ts
 * formatCase(result);
 * // ✓ test/parse.test.ts › parse 10k rows  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB
 * formatCase(failed);
 * // ✗ test/parse.test.ts › parse 100k rows  peak 52.3 MiB  growth 17.2 MiB  budget 48.0 MiB  headroom -4.3 MiB
 * //     peak 52.3 MiB is 4.3 MiB over the budget of 48.0 MiB
 * //     (change `budget` in test/parse.test.ts:12)
 * ```
 */
export function formatCase(r: CaseResult, opts: CaseTextOptions = {}): string {
  r = { ...r, file: short(r.file, opts.root), failure: r.failure === null ? null : short(r.failure, opts.root) };
  const mark = paint(opts.color, STATUS_STYLE[r.status], MARK[r.status]);
  const head = [`${mark} ${visible(r.file)} › ${visible(r.name)}`, ...(r.status === "skipped" ? ["skipped"] : figures(r))];
  const lines = [head.join("  ")];
  const spark = opts.columns && r.trace ? sparkline(r.trace.timeline, { width: CASE_SPARKLINE_CELLS, color: opts.color }) : null;
  if (spark !== null && stripAnsi(lines[0]).length + 2 + CASE_SPARKLINE_CELLS <= opts.columns!) lines[0] += `  ${spark}`;
  if (r.status === "failed") {
    lines.push(...indent(r.failure ?? "failed (no reason was recorded)", INDENT));
    const output = lastLines(r.output);
    if (output !== null) {
      const header = `${INDENT}output${output.cut ? ` (last ${output.lines.length} of ${output.total} lines)` : ""}:`;
      lines.push(paint(opts.color, STYLE.dim, header), ...indent(output.lines.join("\n"), INDENT + "  "));
    }
  }
  return lines.join("\n");
}

/**
 * The lines of a test file that could not be loaded: a mark and the file, then the message
 * indented. Ends without a newline.
 *
 * @example
 * ```ts
 * formatFileError({ file: "test/bad.test.ts", message: 'Cannot parse size "64 mb": unknown unit "mb"' });
 * // ✗ test/bad.test.ts could not be loaded
 * //     Cannot parse size "64 mb": unknown unit "mb"
 * ```
 */
export function formatFileError(e: FileError, opts: CaseTextOptions = {}): string {
  e = { file: short(e.file, opts.root), message: short(e.message, opts.root) };
  const mark = paint(opts.color, STYLE.red, MARK.failed);
  return [`${mark} ${visible(e.file)} could not be loaded`, ...indent(e.message, INDENT)].join("\n");
}

/**
 * The closing line of the default reporter: `N passed, N failed`, then `, N skipped` when any
 * case was skipped.
 *
 * @example
 * ```ts
 * formatTotals({ passed: 18, failed: 1, skipped: 0, ... });  // "18 passed, 1 failed"
 * formatTotals({ passed: 18, failed: 1, skipped: 2, ... });  // "18 passed, 1 failed, 2 skipped"
 * ```
 */
export function formatTotals(report: Pick<TestReport, "passed" | "failed" | "skipped">): string {
  const skipped = report.skipped > 0 ? `, ${report.skipped} skipped` : "";
  return `${report.passed} passed, ${report.failed} failed${skipped}`;
}

/** The measured figures and limits of a case, each as "label value"; absent ones left out. */
function figures(r: CaseResult): string[] {
  const parts: string[] = [];
  const add = (label: string, bytes: number | null) => {
    if (bytes !== null) parts.push(`${label} ${formatBytes(bytes)}`);
  };
  add("peak", r.peak);
  add("growth", r.growth);
  add("budget", r.budget);
  add("growth budget", r.growthBudget);
  add("headroom", r.headroom);
  if (!hasLimit(r)) parts.push("no limit");
  if (r.runs.length > 1) parts.push(`median of ${r.runs.length} runs`);
  return parts;
}

/** Printable text, without trailing blank lines, each line indented and right-trimmed. */
function indent(text: string, by: string): string[] {
  return printable(text).trimEnd().split("\n").map((line) => `${by}${line}`.trimEnd());
}

/** The last {@link OUTPUT_LINES} lines of captured output; null when it printed nothing visible. */
function lastLines(output: string): { lines: string[]; total: number; cut: boolean } | null {
  const all = printable(output).trimEnd().split("\n");
  while (all.length > 0 && all[0].trim() === "") all.shift();
  if (all.length === 0) return null;
  const lines = all.slice(-OUTPUT_LINES);
  return { lines, total: all.length, cut: lines.length < all.length };
}

/** `text` with the paths under `root` made relative to it. */
function short(text: string, root: string | undefined): string {
  if (!root) return text;
  const dir = root.endsWith("/") ? root : root + "/";
  return text.replaceAll(`file://${dir}`, "").replaceAll(dir, "");
}
