/**
 * The `--reporter junit` document: JUnit XML, which CI servers (GitLab, Jenkins, GitHub
 * actions that read test reports) show as a table of tests.
 *
 * @module
 */

import { formatBytes } from "../budget/bytes.ts";
import { failureWithTypes } from "../budget/object_types_text.ts";
import { formatTolerance } from "../budget/tolerance.ts";
import { signedPercent } from "../budget/verdict.ts";
import { metricLabel } from "../gate/compare.ts";
import type { CaseGate } from "../gate/types.ts";
import { relativePaths } from "./relative.ts";
import { xmlSafe } from "./text.ts";
import type { CaseResult, FileError, TestReport } from "../testing/types.ts";

/** The figures of a case written as `<property>` elements, in bytes; null ones are left out. */
const PROPERTIES = [
  "peak", "growth", "retained", "heapRetained", "baseline", "treePeak", "budget", "growthBudget", "retainedBudget", "heapRetainedBudget", "headroom",
] as const;

/**
 * The report as JUnit XML, without a trailing newline.
 *
 * One `<testsuite>` per test file (named by its path relative to the root, sorted), one `<testcase>` per
 * case with the case's figures as `<property>` elements (bytes), and a `<failure>` (its
 * `message` is the first line, its text the whole explanation), `<skipped/>`, and the output
 * of a failed case in `<system-out>`. A case judged against a baseline also has, for each
 * figure, `baselinePeak`, `peakChange` (bytes), `peakTolerance` (as text) and `peakAllowed`
 * (bytes), and its `gate` verdict as properties; and, since GitLab ignores properties, the
 * same in words in `<system-out>` (a regression is in the failure too). A file that could not be loaded is a `<testcase>` named
 * after the file holding an `<error>`. Times are seconds. Escape codes and characters XML 1.0
 * forbids are removed from all text.
 *
 * @example
 * ```ts
 * formatJUnit(report);
 * // <?xml version="1.0" encoding="UTF-8"?>
 * // <testsuites name="memassert" tests="2" failures="1" errors="0" skipped="0" time="1.240">
 * //   <testsuite name="test/parse.test.ts" tests="2" failures="1" errors="0" skipped="0" time="0.830">
 * //     <testcase name="parse 10k rows" classname="test/parse.test.ts" time="0.412">
 * //       <properties>
 * //         <property name="peak" value="43201331"/>
 * // …
 * ```
 */
export function formatJUnit(report: TestReport): string {
  report = relativePaths(report);
  const files = new Map<string, { results: CaseResult[]; errors: FileError[] }>();
  const group = (file: string) => {
    let g = files.get(file);
    if (g === undefined) files.set(file, (g = { results: [], errors: [] }));
    return g;
  };
  for (const r of report.results) group(r.file).results.push(r);
  for (const e of report.fileErrors) group(e.file).errors.push(e);

  const suites = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((file) => {
    const { results, errors } = files.get(file)!;
    return testsuite(file, results, errors);
  });
  const totals = counts(report.results, report.fileErrors);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="memassert" ${totals} time="${seconds(report.wallMs)}">`,
    ...suites,
    `</testsuites>`,
  ].join("\n");
}

function testsuite(file: string, results: CaseResult[], errors: FileError[]): string {
  const time = seconds(results.reduce((sum, r) => sum + r.wallMs, 0));
  return [
    `  <testsuite name="${attr(file)}" ${counts(results, errors)} time="${time}">`,
    ...results.map(testcase),
    ...errors.map(loadError),
    `  </testsuite>`,
  ].join("\n");
}

function testcase(r: CaseResult): string {
  const open = `    <testcase name="${attr(r.name)}" classname="${attr(r.file)}" time="${seconds(r.wallMs)}"`;
  const body: string[] = [];
  const props = PROPERTIES.filter((p) => r[p] != null).map((p) => `        <property name="${p}" value="${r[p]}"/>`);
  if (r.leak) props.push(`        <property name="leakSlope" value="${r.leak.slope}"/>`, `        <property name="leakRuns" value="${r.leak.runs}"/>`);
  if (r.gate) props.push(...gateProperties(r.gate).map(([k, v]) => `        <property name="${k}" value="${attr(v)}"/>`));
  if (props.length > 0) body.push(`      <properties>`, ...props, `      </properties>`);
  if (r.status === "skipped") body.push(`      <skipped/>`);
  if (r.status === "failed") {
    const failure = failureWithTypes(r);
    body.push(`      <failure message="${attr(firstLine(failure))}">${text(failure)}</failure>`);
  }
  const out = [r.gate ? gateText(r.gate) : "", r.status === "failed" ? r.output : ""].filter((t) => t !== "").join("\n");
  if (out !== "") body.push(`      <system-out>${text(out)}</system-out>`);
  if (body.length === 0) return `${open}/>`;
  return [`${open}>`, ...body, `    </testcase>`].join("\n");
}

/** The baseline's figures, the change and the tolerance, as property names and values. */
function gateProperties(g: CaseGate): [string, string][] {
  const out: [string, string][] = [["gate", g.verdict]];
  for (const m of g.metrics) {
    const name = m.metric === "peak" ? "Peak" : m.metric === "growth" ? "Growth" : "Tree";
    const key = name.toLowerCase();
    out.push([`baseline${name}`, String(m.baseline)], [`${key}Change`, String(m.change)], [`${key}Tolerance`, formatTolerance(m.tolerance)], [`${key}Allowed`, String(m.allowed)]);
  }
  return out;
}

/** The comparison with the baseline in words, one line per figure. */
function gateText(g: CaseGate): string {
  if (g.verdict === "new") return "against the baseline: new (not in the baseline yet)";
  return g.metrics.map((m) => {
    const pct = signedPercent(m.change, m.baseline);
    return `against the baseline: ${metricLabel(m.metric)} ${formatBytes(m.baseline)} → ${formatBytes(m.now)} (${m.change >= 0 ? "+" : ""}${formatBytes(m.change)}${pct ? `, ${pct}` : ""}), ` +
      `tolerance ${formatTolerance(m.tolerance)} (at most ${formatBytes(m.allowed)}): ${m.verdict}`;
  }).join("\n");
}

function loadError(e: FileError): string {
  return [
    `    <testcase name="${attr(e.file)}" classname="${attr(e.file)}" time="0.000">`,
    `      <error message="${attr(firstLine(e.message))}">${text(e.message)}</error>`,
    `    </testcase>`,
  ].join("\n");
}

/** The `tests failures errors skipped` attributes of a suite. */
function counts(results: CaseResult[], errors: FileError[]): string {
  const n = (status: CaseResult["status"]) => results.filter((r) => r.status === status).length;
  return `tests="${results.length + errors.length}" failures="${n("failed")}" errors="${errors.length}" skipped="${n("skipped")}"`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function firstLine(s: string): string {
  return xmlSafe(s).trim().split("\n")[0].trim();
}

/** Character data: `&`, `<`, `>` (so that `]]>` cannot appear) and `\r` (which parsers would drop) escaped. */
function text(s: string): string {
  return xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** An attribute value: also quotes, and whitespace that a parser would otherwise fold into spaces. */
function attr(s: string): string {
  return text(s)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;");
}
