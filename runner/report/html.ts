/**
 * The HTML report: `memassert run --report FILE.html` and `memassert test --reporter html`.
 * Pure functions from results to one self-contained page (html_page.ts) that shows, for the
 * command or each case, its RSS over time (stacked per process, the peak marked, the limits
 * drawn), its figures, and its process tree with each process's peaks and RSS split.
 * Imported only when a report is asked for: it carries the charting library.
 *
 * @module
 */
import { perRun } from "../budget/leak.ts";
import { failureWithTypes } from "../budget/object_types_text.ts";
import { formatBytes } from "../budget/bytes.ts";
import type { CaseResult, TestReport } from "../testing/types.ts";
import type { MeasureResult, PeakExplanation, ProcessResult, Timeline } from "../measure/result.ts";
import { type ChartSpec, chartSpec } from "./chart_data.ts";
import { escapeHtml as esc, page, type PageChart } from "./html_page.ts";
import { commandLine, formatDuration, ordered } from "./summary.ts";
import { visible } from "./text.ts";

/** Limits of `memassert run`, in bytes, to draw and judge; null when not given. */
export interface RunLimits {
  budget: number | null;
  budgetTree: number | null;
}

/**
 * The report of one `memassert run`.
 *
 * @example
 * ```ts
 * const r = await measure(["make", "-j4"], { timeline: true });
 * writeFileSync("memory.html", formatHtmlRun(r, { budget: null, budgetTree: 2 ** 30 }));
 * ```
 */
export function formatHtmlRun(r: MeasureResult, limits: RunLimits): string {
  const charts: PageChart[] = [];
  const lines: ChartSpec["lines"] = [];
  if (limits.budgetTree !== null) lines.push({ label: "tree budget", y: limits.budgetTree, kind: "limit" });
  if (limits.budget !== null) lines.push({ label: "root budget", y: limits.budget, kind: "limit" });
  const command = commandLine(r.argv);
  const rows: Row[] = [
    ["peak RSS of the root", bytes(r.root.peakRss, limits.budget)],
    ["peak PSS of the root", bytes(r.root.peakPss)],
    ["peak RSS of the tree", bytes(r.tree.peakRss, limits.budgetTree)],
    ["peak PSS of the tree", bytes(r.tree.peakPss)],
  ];
  if (limits.budget !== null) rows.push(["root budget", bytes(limits.budget)]);
  if (limits.budgetTree !== null) rows.push(["tree budget", bytes(limits.budgetTree)]);
  rows.push(
    ["processes", esc(String(r.tree.processes))],
    ["duration", esc(formatDuration(r.wallMs))],
    ["mode", esc(r.mode)],
    ["exit", esc(r.signal ?? (r.exitCode === null ? "?" : String(r.exitCode)))],
    ["stops", esc(String(r.stops))],
  );
  const notes = [r.approximate && `approximate: ${r.approximate}`, r.interrupted && `interrupted (${r.interrupted}): figures cover the run until then`]
    .filter((n): n is string => Boolean(n)).map((n) => `<p class="note">${esc(n)}</p>`).join("\n");
  const body = `<h1>memassert run</h1>
<p class="sub">${esc(command)}</p>
<section class="run">
${figures(rows)}
${notes}
${chart(charts, "chart-run", r.timeline, r.processes, r.tree.peakRss, lines)}
${tree(r.processes)}
${r.explain ? explanation(r.explain, r.tree.peakRss) : ""}
</section>`;
  return page(`memassert run: ${command}`, body, charts);
}

/**
 * The report of a `memassert test` run: totals, then each case with its figures and, when
 * its timeline was recorded, its chart and process tree.
 *
 * @example
 * ```ts
 * writeFileSync("memory.html", formatHtmlTests(report));
 * ```
 */
export function formatHtmlTests(report: TestReport, opts: { root?: string } = {}): string {
  const charts: PageChart[] = [];
  const dir = opts.root ? (opts.root.endsWith("/") ? opts.root : `${opts.root}/`) : null;
  const short = (text: string) => (dir ? text.replaceAll(`file://${dir}`, "").replaceAll(dir, "") : text);
  const sections = [...report.results].map((c) => ({ ...c, file: short(c.file), location: short(c.location), failure: c.failure && short(c.failure) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.location.localeCompare(b.location, undefined, { numeric: true }))
    .map((c, i) => caseSection(c, i, charts));
  const errors = report.fileErrors.map((e) => `<section class="failed">
<h2><span class="status">✗ could not be loaded</span> ${esc(short(e.file))}</h2>
<pre>${esc(short(e.message))}</pre>
</section>`);
  const totals = `${report.passed} passed, ${report.failed} failed${report.skipped ? `, ${report.skipped} skipped` : ""}`;
  const body = `<h1>memassert test</h1>
<p class="sub">${esc(totals)} · ${esc(formatDuration(report.wallMs))}</p>
${[...errors, ...sections].join("\n")}`;
  return page(`memassert test: ${totals}`, body, charts);
}

const MARK = { passed: "✓ passed", failed: "✗ failed", skipped: "– skipped" } as const;

function caseSection(c: CaseResult, i: number, charts: PageChart[]): string {
  const rows: Row[] = [
    ["peak RSS", bytes(c.peak, c.budget)],
    ["growth", bytes(c.growth, c.growthBudget)],
    ["retained after a full GC", bytes(c.retained ?? null, c.retainedBudget ?? null)],
    ["JS heap retained after a full GC", bytes(c.heapRetained ?? null, c.heapRetainedBudget ?? null)],
    ["RSS at the start", bytes(c.baseline)],
    ["peak RSS of its tree", bytes(c.treePeak)],
    ["budget", bytes(c.budget)],
    ["growth budget", bytes(c.growthBudget)],
    ["retained budget", bytes(c.retainedBudget ?? null)],
    ["heap retained budget", bytes(c.heapRetainedBudget ?? null)],
    ["headroom", bytes(c.headroom, c.headroom !== null && c.headroom < 0 ? c.headroom - 1 : null)],
  ].filter(([, v]) => v !== "") as Row[];
  if (c.runs.length > 1) rows.push(["runs", esc(`median of ${c.runs.length}`)]);
  if (c.leak) rows.push(["heap retained after each run", esc(`${perRun(c.leak)} (${formatBytes(c.leak.slope)} a run from run 2; allowed ${formatBytes(c.leak.limit)})`)]);
  rows.push(["duration", esc(formatDuration(c.wallMs))]);
  const lines: ChartSpec["lines"] = [];
  if (c.budget !== null) lines.push({ label: "budget", y: c.budget, kind: "limit" });
  if (c.baseline !== null && c.growthBudget !== null) lines.push({ label: "growth limit", y: c.baseline + c.growthBudget, kind: "limit" });
  if (c.baseline !== null) lines.push({ label: "RSS at the start", y: c.baseline, kind: "baseline" });
  const trace = c.trace;
  return `<section class="${c.status}">
<h2><span class="status">${MARK[c.status]}</span> ${esc(visible(c.name))}</h2>
<p class="sub">${esc(c.location)}</p>
${figures(rows)}
${c.failure ? `<pre>${esc(failureWithTypes(c))}</pre>` : ""}
${trace ? chart(charts, `chart-case-${i}`, trace.timeline, trace.processes, c.treePeak, lines) : ""}
${trace ? tree(trace.processes) : ""}
</section>`;
}

type Row = [label: string, html: string];

/** A size as text, its exact bytes in `data-bytes`, marked when over `limit`. */
function bytes(value: number | null, limit: number | null = null): string {
  if (value === null) return "";
  const over = limit !== null && value > limit ? ` class="over"` : "";
  return `<span data-bytes="${value}"${over} title="${value.toLocaleString("en")} bytes">${esc(formatBytes(value))}</span>`;
}

function figures(rows: Row[]): string {
  return `<table class="figures">\n${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td class="n" data-figure="${esc(k)}">${v}</td></tr>`).join("\n")}\n</table>`;
}

function chart(charts: PageChart[], id: string, t: Timeline | undefined, processes: ProcessResult[], peak: number | null, lines: ChartSpec["lines"]): string {
  if (!t || t.tree.length === 0) return `<p class="note">No timeline was recorded.</p>`;
  const byStart = ordered(processes).map(({ p }) => p);
  charts.push({ id, ...chartSpec(t, byStart, peak, lines) });
  return `<div class="chart" id="${id}" role="img" aria-label="RSS over time"></div>`;
}

function tree(processes: ProcessResult[]): string {
  const head = ["PID", "PPID", "command", "peak RSS", "peak PSS", "anon", "file", "shmem", "exit", "alive"];
  const rows = ordered(processes).map(({ p, depth }) => {
    const cells = [
      `<td class="n">${p.pid}</td>`,
      `<td class="n">${p.ppid}</td>`,
      `<td class="cmd"><span class="indent">${depth > 0 ? "&nbsp;&nbsp;&nbsp;".repeat(depth - 1) + "└─ " : ""}</span>${esc(commandLine(p.argv))}</td>`,
      ...[p.peakRss, p.peakPss, p.atPeak.anon, p.atPeak.file, p.atPeak.shmem].map((v) => `<td class="n">${bytes(v)}</td>`),
      `<td>${esc(p.signal ?? (p.exitCode === null ? "?" : `exit ${p.exitCode}`))}</td>`,
      `<td class="n">${esc(`${formatDuration(p.startMs)} – ${formatDuration(p.endMs)}`)}</td>`,
    ];
    return `<tr data-pid="${p.pid}">${cells.join("")}</tr>`;
  });
  return `<table class="tree">
<thead><tr>${head.map((h, i) => `<th${i === 2 || i >= 8 ? "" : ` class="n"`}>${h}</th>`).join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
}

/** `--explain`: each process at the explained peak, and under the largest their largest mappings. */
function explanation(e: PeakExplanation, peak: number): string {
  const rows: string[] = [];
  for (const p of e.processes) {
    rows.push(`<tr data-pid="${p.pid}"><td class="n">${p.pid}</td><td class="n">${bytes(p.rss)}</td><td class="n">${bytes(p.pss)}</td><td></td><td class="cmd">${esc(commandLine(p.argv))}</td></tr>`);
    const listed = (p.mappings ?? []).map((m) => [m.kind, m.mappings > 1 ? `${m.name} (${m.mappings} mappings)` : `${m.name} at ${m.start}`, m.rss, m.pss] as const);
    const rest = p.rest && p.rest.mappings > 0 ? [["", `${p.rest.mappings} other mappings`, p.rest.rss, p.rest.pss] as const] : [];
    for (const [kind, label, rss, pss] of [...listed, ...rest]) {
      rows.push(`<tr class="mapping"><td></td><td class="n">${bytes(rss)}</td><td class="n">${bytes(pss)}</td><td>${esc(kind)}</td><td class="cmd">└─ ${esc(visible(label))}</td></tr>`);
    }
  }
  if (e.others.processes > 0) rows.push(`<tr><td></td><td class="n">${bytes(e.others.rss)}</td><td></td><td></td><td>${e.others.processes} more processes</td></tr>`);
  return `<h2>Where the memory went at the peak</h2>
<p class="sub">${esc(`${formatBytes(e.treeRss)} of the tree's ${formatBytes(peak)} peak, at ${formatDuration(e.ms)}; mappings from /proc/PID/smaps of the largest processes (read ${e.reads} times)`)}</p>
<table class="tree explain">
<thead><tr><th class="n">PID</th><th class="n">RSS</th><th class="n">PSS</th><th>kind</th><th>command or mapping</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
}
