/**
 * GitHub Actions outputs: `::error` workflow commands that annotate the failing cases' lines
 * in a pull request, and a Markdown summary for `$GITHUB_STEP_SUMMARY`. Pure functions; the
 * CLI decides when (`GITHUB_ACTIONS` is set) and where to write them.
 *
 * GitHub shows at most 10 error annotations per step and cuts bodies near 4 KB; a step
 * summary may hold 1 MiB.
 *
 * @module
 */
import { caseId, relativeFile } from "../gate/ids.ts";
import type { GateSummary } from "../gate/types.ts";
import type { CaseResult, FileError } from "../testing/types.ts";
import { gateCounts, type GateRow, gateRows } from "./gate_text.ts";
import { formatTotals } from "./case_text.ts";
import { oneLine, stripAnsi } from "./text.ts";

/** Error annotations GitHub shows for one step. */
export const MAX_ANNOTATIONS = 10;
/** Bytes of an annotation's body GitHub keeps, about. */
const MAX_BODY = 4000;
/** What a step summary may hold. */
export const STEP_SUMMARY_LIMIT = 2 ** 20;

/** Workflow-command data: `%`, CR and LF escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow-command property: as data, and `:` and `,` escaped too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

interface Failing {
  file: string;
  line: number | null;
  title: string;
  message: string;
  severity: number;
}

/** How bad a failed case is: no figures (crashed, timed out) is worst, else how far past its limit or tolerance. */
function severity(r: CaseResult): number {
  if (r.peak === null) return Infinity;
  const over: number[] = [];
  if (r.budget !== null && r.budget > 0) over.push((r.peak - r.budget) / r.budget);
  if (r.growthBudget !== null && r.growth !== null && r.growthBudget > 0) over.push((r.growth - r.growthBudget) / r.growthBudget);
  for (const m of r.gate?.metrics ?? []) if (m.verdict === "regressed") over.push((m.now - m.allowed) / Math.max(m.allowed, 1));
  return Math.max(0, ...over);
}

/** `file:line` split; the line is null when `location` has none. */
function place(location: string, root: string): { file: string; line: number | null } {
  const m = /^(.*):(\d+)$/.exec(location);
  return { file: relativeFile(m ? m[1] : location, root), line: m ? Number(m[2]) : null };
}

/**
 * `::error` lines for the failing cases and the files that could not be loaded, worst first,
 * at most {@link MAX_ANNOTATIONS}, then one `::notice` saying how many more failed. Each
 * annotation points at the line declaring the case. Empty when nothing failed. Ends
 * without a newline.
 *
 * @example
 * ```ts
 * githubAnnotations(report.results, report.fileErrors, process.cwd());
 * // ::error file=examples/index.mem.ts,line=6,title=memassert%3A examples/index.mem.ts › index 200k rows::peak 170.1 MiB is over its baseline …
 * ```
 */
export function githubAnnotations(results: CaseResult[], fileErrors: FileError[], root: string): string {
  const failing: Failing[] = [
    ...fileErrors.map((e) => ({ ...place(e.file, root), title: `memassert: ${relativeFile(e.file, root)} could not be loaded`, message: e.message, severity: Infinity })),
    ...results.filter((r) => r.status === "failed").map((r) => ({
      ...place(r.location, root), title: `memassert: ${caseId(r.file, r.name, root)}`, message: r.failure ?? "failed", severity: severity(r),
    })),
  ];
  failing.sort((a, b) => b.severity - a.severity);
  const lines = failing.slice(0, MAX_ANNOTATIONS).map((f) => {
    const props = [`file=${escapeProperty(f.file)}`, ...(f.line === null ? [] : [`line=${f.line}`]), `title=${escapeProperty(stripAnsi(f.title))}`];
    return `::error ${props.join(",")}::${escapeData(cut(stripAnsi(relativeIn(f.message, root)).trimEnd(), MAX_BODY))}`;
  });
  const more = failing.length - MAX_ANNOTATIONS;
  if (more > 0) {
    lines.push(`::notice title=memassert::${escapeData(`${more} more failing ${more === 1 ? "case is" : "cases are"} not annotated (GitHub shows ${MAX_ANNOTATIONS} per step); the job's log and summary list them all`)}`);
  }
  return lines.join("\n");
}

/** `text` with the paths under `root` made relative to it, as the annotations' files are. */
function relativeIn(text: string, root: string): string {
  if (!root) return text;
  const dir = root.endsWith("/") ? root : `${root}/`;
  return text.replaceAll(`file://${dir}`, "").replaceAll(dir, "");
}

function cut(text: string, bytes: number): string {
  if (new TextEncoder().encode(text).length <= bytes) return text;
  let out = text.slice(0, bytes);
  while (new TextEncoder().encode(out).length > bytes - 3) out = out.slice(0, -16);
  return `${out}…`;
}

/** Text in a Markdown table cell: on one line, with Markdown and HTML characters escaped. */
export function markdownCell(s: string): string {
  return oneLine(s).replace(/[\\`*_[\]|]/g, "\\$&").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Rows shown before a table folds into `<details>`. */
const OPEN_ROWS = 20;
/** Failures listed above the table; the table and the log have the others. */
const LISTED_FAILURES = 50;

/**
 * The step summary in Markdown: the totals and the baseline's counts, the failures that are
 * not regressions (over a budget, crashed, a file that could not be loaded; the worst
 * {@link LISTED_FAILURES}), and the table of changed cases, folded into `<details>` beyond
 * {@link OPEN_ROWS} rows. The text stays under `limit` bytes: rows that do not fit are cut,
 * with a note saying how many.
 *
 * @example
 * ```ts
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY, githubStepSummary(report, gate, STEP_SUMMARY_LIMIT));
 * ```
 */
export function githubStepSummary(report: { results: CaseResult[]; fileErrors: FileError[]; passed: number; failed: number; skipped: number; root?: string }, gate: GateSummary | null, limit: number, accept = ""): string {
  const root = report.root ?? "";
  const heading = [`### memassert: ${formatTotals(report)}${gate ? ` · baseline \`${markdownCell(gate.path)}\`: ${gateCounts(gate)}` : ""}`, ""];
  const others = report.results.filter((r) => r.status === "failed" && r.gate?.verdict !== "regressed").sort((a, b) => severity(b) - severity(a));
  const failures = [
    ...report.fileErrors.map((e) => `- ❌ **${markdownCell(relativeFile(e.file, root))}** could not be loaded: ${markdownCell(relativeIn(e.message, root))}`),
    ...others.map((r) => `- ❌ **${markdownCell(caseId(r.file, r.name, root))}**: ${markdownCell(relativeIn(r.failure ?? "failed", root).split("\n")[0])}`),
  ];
  if (failures.length > LISTED_FAILURES) {
    const more = failures.length - LISTED_FAILURES;
    failures.splice(LISTED_FAILURES, more, `- … and ${more} more failures: the job's log lists them all`);
  }
  const rows = gate ? gateRows(report.results, gate) : [];
  const fold = rows.length > OPEN_ROWS;
  const table = rows.length ? ["| | case | figure | baseline | now | change | tolerance | budget |", "|---|---|---|---:|---:|---:|---|---:|", ...rows.map(row)] : [];
  const tail: string[] = [];
  if (gate?.environment.length) tail.push("", `⚠️ The environment differs from the baseline's: ${markdownCell(gate.environment.join(", "))}.`);
  if (gate && gate.regressed > 0 && accept) tail.push("", `Accept the regressions on purpose with \`${accept.replace(/`/g, "'")}\` and commit the baseline.`);

  const enc = new TextEncoder();
  const out: string[] = [...heading, ...failures, ...(failures.length ? [""] : []), ...(fold ? [`<details><summary>${rows.length} changed figures</summary>`, ""] : [])];
  // Room kept for the closing lines: the note on what was cut, </details> and the tail.
  let size = enc.encode(out.join("\n") + tail.join("\n")).length + 256;
  let cut = 0;
  for (const [i, line] of table.entries()) {
    const n = enc.encode(line).length + 1;
    if (size + n > limit) {
      cut = table.length - i;
      break;
    }
    out.push(line);
    size += n;
  }
  if (cut > 0) out.push("", `_… ${cut} more ${cut === 1 ? "row was" : "rows were"} cut to keep this summary under ${Math.floor(limit / 1024)} KiB; the job's log has them all._`);
  if (fold) out.push("", "</details>");
  out.push(...tail, "");
  return out.join("\n");
}

function row(r: GateRow): string {
  const icon = { regressed: "❌", improved: "📉", new: "🆕", removed: "➖" }[r.verdict];
  return `| ${icon} | ${markdownCell(r.id)} | ${r.figure} | ${r.baseline} | ${r.now} | ${r.change} | ${r.tolerance} | ${r.budget} |`;
}
