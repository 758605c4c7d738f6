/**
 * The text of the default reporter, as pure functions: a finished case, a file that could not
 * be loaded, and the closing totals. `report_terminal.ts` decides when to print them.
 *
 * @module
 */

import { perRun } from "../budget/leak.ts";
import { failureWithTypes } from "../budget/object_types_text.ts";
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
   * Width of the terminal: lines are made to fit it (the name is never cut), and with colour
   * a case with a timeline gets a sparkline of its RSS at the end of its line when it still
   * fits. Default: lines as long as they are, no sparkline.
   */
  columns?: number;
  /** The case is listed under its file's name ({@link formatFileHeader}): its line leaves the file out and is indented. */
  underFile?: boolean;
}

/** Cells of a case's sparkline. */
export const CASE_SPARKLINE_CELLS = 24;

/** How many of the last lines of a failed case's output are shown. */
export const OUTPUT_LINES = 20;

const MARK = { passed: "✓", failed: "✗", skipped: "-" } as const;
const STATUS_STYLE = { passed: STYLE.green, failed: STYLE.red, skipped: STYLE.yellow } as const;
const INDENT = "    ";
/** A case's line under its file's name. */
const CASE_INDENT = "  ";

/**
 * The lines of a finished case: a mark and the name (after its file, unless it is listed under
 * its file's name), then its figures. A failed case adds its explanation, indented, and the
 * last {@link OUTPUT_LINES} lines of what it printed. Escape codes and control characters
 * from the case are removed. Ends without a newline.
 *
 * With `columns`, every line fits that width: figures that do not fit after the name go on
 * the next lines, and the explanation is wrapped at spaces; the name is never cut.
 *
 * @example
 * ```ts
 * formatCase(result);
 * // ✓ test/parse.test.ts › parse 10k rows  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB
 * formatCase(failed, { underFile: true });
 * //   ✗ parse 100k rows  peak 52.3 MiB  growth 17.2 MiB  budget 48.0 MiB  headroom -4.3 MiB
 * //       peak 52.3 MiB is over its limit of 48.0 MiB by 4.3 MiB (+9.0 %); the limit is set in …
 * ```
 */
export function formatCase(r: CaseResult, opts: CaseTextOptions = {}): string {
  r = { ...r, file: short(r.file, opts.root), failure: r.failure === null ? null : short(r.failure, opts.root) };
  const mark = paint(opts.color, STATUS_STYLE[r.status], MARK[r.status]);
  const lead = opts.underFile ? CASE_INDENT : "";
  const detail = lead + INDENT;
  const title = `${lead}${mark} ${opts.underFile ? "" : `${visible(r.file)} › `}${visible(r.name)}`;
  const lines = fill(title, r.status === "skipped" ? ["skipped"] : figures(r), opts.columns, detail);
  // A sparkline only on a live terminal (colour allowed), and only where it still fits.
  const spark = opts.columns && opts.color && r.trace ? sparkline(r.trace.timeline, { width: CASE_SPARKLINE_CELLS, color: opts.color }) : null;
  const end = lines.length - 1;
  if (spark !== null && width(lines[end]) + 2 + CASE_SPARKLINE_CELLS <= opts.columns!) lines[end] += `  ${spark}`;
  if (r.status === "failed") {
    lines.push(...wrap(indent(failureWithTypes(r), detail), opts.columns));
    const output = lastLines(r.output);
    if (output !== null) {
      const header = `${detail}output${output.cut ? ` (last ${output.lines.length} of ${output.total} lines)` : ""}:`;
      lines.push(paint(opts.color, STYLE.dim, header), ...wrap(indent(output.lines.join("\n"), detail + "  "), opts.columns));
    }
  }
  return lines.join("\n");
}

/**
 * The line that heads a file's cases when they are listed under it.
 *
 * @example
 * ```ts
 * formatFileHeader("/repo/test/parse.mem.ts", { root: "/repo" }); // "test/parse.mem.ts"
 * ```
 */
export function formatFileHeader(file: string, opts: CaseTextOptions = {}): string {
  return paint(opts.color, STYLE.bold, visible(short(file, opts.root)));
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
  // What stayed after a full GC tells a leak from garbage: said when it is limited or the case failed.
  if (r.status === "failed" || r.retainedBudget != null || r.heapRetainedBudget != null) {
    add("retained", r.retained ?? null);
    add("heap retained", r.heapRetained ?? null);
  }
  add("budget", r.budget);
  add("growth budget", r.growthBudget);
  add("retained budget", r.retainedBudget ?? null);
  add("heap retained budget", r.heapRetainedBudget ?? null);
  add("headroom", r.headroom);
  if (r.leak) parts.push(`heap retained ${r.leak.slope < 0 ? "-" : "+"}${formatBytes(Math.abs(r.leak.slope))}/run over ${r.leak.runs} runs (${perRun(r.leak)})`);
  if (!hasLimit(r)) parts.push("no limit");
  if (r.runs.length > 1) parts.push(`median of ${r.runs.length} runs`);
  return parts;
}

/** Columns `text` takes on a terminal: its characters, escape codes left out. */
function width(text: string): number {
  return Array.from(stripAnsi(text)).length;
}

/**
 * `first`, then each of `parts` after two spaces while the line fits `columns`; a part that does
 * not fit starts a new line, indented by `indent`. A part is never split.
 */
function fill(first: string, parts: string[], columns: number | undefined, indent: string): string[] {
  const lines = [first];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    if (columns === undefined || width(last) + 2 + width(part) <= columns) lines[lines.length - 1] = `${last}  ${part}`;
    else lines.push(indent + part);
  }
  return lines;
}

/** A space where a line may break: not between a number and its unit ("62.2 MiB", "+9.0 %"). */
const BREAK = / (?!(?:B|KiB|MiB|GiB|TiB|kB|MB|GB|ms|s)\b|%)/;

/** Each line cut at spaces to fit `columns`, its pieces keeping its indentation; a word longer than a line stays whole. */
function wrap(lines: string[], columns: number | undefined): string[] {
  if (columns === undefined) return lines;
  return lines.flatMap((line) => {
    if (width(line) <= columns) return [line];
    const lead = /^\s*/.exec(line)![0];
    const out: string[] = [];
    let current = "";
    for (const word of line.slice(lead.length).split(BREAK)) {
      if (current !== "" && width(lead + current) + 1 + width(word) > columns) {
        out.push(lead + current);
        current = word;
      } else current = current === "" ? word : `${current} ${word}`;
    }
    out.push(lead + current);
    return out;
  });
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
