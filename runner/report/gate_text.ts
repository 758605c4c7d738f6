/**
 * The gate's report: a table of the cases that changed against the baseline (regressed first,
 * the worst at the top, then improved, new and removed), the unchanged ones summed up in one
 * line, and what to do about it. Pure functions from results to text.
 *
 * @module
 */
import { formatBytes } from "../budget/bytes.ts";
import { formatTolerance } from "../budget/tolerance.ts";
import { signedPercent } from "../budget/verdict.ts";
import { metricLabel } from "../gate/compare.ts";
import type { CaseGate, GateSummary, Metric, MetricChange } from "../gate/types.ts";
import type { CaseResult } from "../testing/types.ts";
import { oneLine, paint, STYLE } from "./text.ts";

/** One row of the table: a figure of a case, as text. */
export interface GateRow {
  /** `✗` regressed, `↓` improved, `+` new, `-` removed. */
  mark: string;
  verdict: "regressed" | "improved" | "new" | "removed";
  id: string;
  figure: string;
  baseline: string;
  now: string;
  change: string;
  tolerance: string;
  budget: string;
}

const MARK = { regressed: "✗", improved: "↓", new: "+", removed: "-" } as const;
const DASH = "-";

/** How far past its tolerance a regressed case went (as a fraction of what was allowed), or how far below a better one fell. */
function severity(g: CaseGate): number {
  const of = (m: MetricChange) => g.verdict === "regressed" ? (m.now - m.allowed) / Math.max(m.allowed, 1) : (m.baseline - m.now) / Math.max(m.baseline, 1);
  return Math.max(0, ...g.metrics.map(of));
}

/**
 * The rows of the changed cases, worst first: regressed (by how far past the tolerance),
 * improved (by how much), new, then removed (the last two by id). Each case has a row per
 * figure; `removedEntries` gives the removed cases' figures.
 *
 * @example
 * ```ts
 * gateRows(results, summary, baseline.cases)[0];
 * // { mark: "✗", verdict: "regressed", id: "examples/index.mem.ts › index 200k rows in a Map", figure: "peak", … }
 * ```
 */
export function gateRows(results: CaseResult[], summary: GateSummary, removedEntries: Record<string, Record<string, number | undefined>> = {}): GateRow[] {
  const changed = results.filter((r) => r.gate !== undefined && r.gate.verdict !== "unchanged");
  const rank = { regressed: 0, improved: 1, new: 2 } as Record<string, number>;
  changed.sort((a, b) => rank[a.gate!.verdict] - rank[b.gate!.verdict] || severity(b.gate!) - severity(a.gate!) || (a.gate!.id < b.gate!.id ? -1 : 1));
  const rows: GateRow[] = [];
  for (const r of changed) {
    const g = r.gate!;
    const verdict = g.verdict as GateRow["verdict"];
    if (verdict === "new") {
      const figures = [["peak", r.peak, r.budget], ["growth", r.growth, r.growthBudget]] as const;
      for (const [figure, now, budget] of figures) {
        if (now === null) continue;
        rows.push({ mark: MARK.new, verdict, id: g.id, figure, baseline: DASH, now: formatBytes(now), change: "new", tolerance: DASH, budget: budget === null ? DASH : formatBytes(budget) });
      }
      continue;
    }
    for (const m of g.metrics) {
      const budget = m.metric === "peak" ? r.budget : m.metric === "growth" ? r.growthBudget : null;
      const pct = signedPercent(m.change, m.baseline);
      rows.push({
        mark: MARK[verdict], verdict, id: g.id, figure: metricLabel(m.metric), baseline: formatBytes(m.baseline), now: formatBytes(m.now),
        change: `${m.change >= 0 ? "+" : ""}${formatBytes(m.change)}${pct ? ` (${pct})` : ""}`,
        tolerance: formatTolerance(m.tolerance), budget: budget === null ? DASH : formatBytes(budget),
      });
    }
  }
  for (const id of summary.removed) {
    const entry = removedEntries[id] ?? {};
    const figures = Object.entries(entry).filter((e): e is [string, number] => typeof e[1] === "number");
    for (const [figure, v] of figures.length ? figures : [["peak", null] as const]) {
      rows.push({ mark: MARK.removed, verdict: "removed", id, figure: metricLabel(figure as Metric), baseline: v === null ? DASH : formatBytes(v), now: DASH, change: "removed", tolerance: DASH, budget: DASH });
    }
  }
  return rows;
}

/** "1 regressed, 2 new, 14 unchanged": the counts that are not zero. */
export function gateCounts(s: GateSummary): string {
  const parts = [[s.regressed, "regressed"], [s.improved, "improved"], [s.new, "new"], [s.removed.length, "removed"], [s.unchanged, "unchanged"]] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
  return said.length ? said.join(", ") : "no case compared";
}

/** Options of {@link formatGate}. */
export interface GateTextOptions {
  color?: boolean;
  /** The command that accepts the changes on purpose. */
  accept: string;
  /** Whether a changed environment fails the run (`--strict-environment`). */
  strictEnvironment?: boolean;
  /** Only the heading and the environment's changes (under -u, whose list of what it wrote says the rest). */
  headingOnly?: boolean;
}

/**
 * The gate's report for a terminal or a CI log, ending without a newline: a heading with the
 * counts, the table of changed cases, one line for the unchanged ones, the environment's
 * changes, and how to accept regressions.
 *
 * @example
 * ```ts
 * formatGate(results, summary, { accept: "memassert test -u" });
 * // baseline .memassert/baseline.json: 1 regressed, 3 unchanged
 * //   case                         figure  baseline   now        change               tolerance          budget
 * // ✗ examples/index.mem.ts › …    peak    152.9 MiB  170.1 MiB  +17.2 MiB (+11.2 %)  +10 % + 1.0 MiB    -
 * // 3 unchanged: peak 150.2 MiB in all (+0.4 % against the baseline)
 * // accept the regressions on purpose with: memassert test -u
 * ```
 */
export function formatGate(results: CaseResult[], summary: GateSummary, opts: GateTextOptions, removedEntries: Record<string, Record<string, number | undefined>> = {}): string {
  const lines = [`baseline ${summary.path}: ${gateCounts(summary)}`];
  const rows = opts.headingOnly ? [] : gateRows(results, summary, removedEntries);
  if (rows.length > 0) {
    const head = ["case", "figure", "baseline", "now", "change", "tolerance", "budget"];
    const cells = rows.map((r, i) => [i > 0 && rows[i - 1].id === r.id ? "" : oneLine(r.id), r.figure, r.baseline, r.now, r.change, r.tolerance, r.budget]);
    const width = head.map((h, c) => Math.max(h.length, ...cells.map((row) => [...row[c]].length)));
    const right = new Set([2, 3, 4]);
    const line = (row: string[]) => row.map((cell, c) => (right.has(c) ? cell.padStart(width[c]) : cell.padEnd(width[c]))).join("  ").trimEnd();
    lines.push(`  ${line(head)}`);
    rows.forEach((r, i) => {
      const mark = i > 0 && rows[i - 1].id === r.id ? " " : paint(opts.color, r.verdict === "regressed" ? STYLE.red : r.verdict === "improved" ? STYLE.green : STYLE.dim, r.mark);
      lines.push(`${mark} ${line(cells[i])}`);
    });
  }
  const same = opts.headingOnly ? [] : results.filter((r) => r.gate?.verdict === "unchanged");
  if (same.length > 0) {
    const sum = (pick: (m: MetricChange) => number) => same.reduce((t, r) => t + r.gate!.metrics.filter((m) => m.metric === "peak").reduce((s, m) => s + pick(m), 0), 0);
    const now = sum((m) => m.now), then = sum((m) => m.baseline);
    const pct = signedPercent(now - then, then);
    lines.push(`${same.length} unchanged (within tolerance): peak ${formatBytes(now)} in all${pct ? ` (${pct} against the baseline)` : ""}`);
  }
  if (summary.environment.length > 0) {
    const then = opts.strictEnvironment ? "this fails the run (--strict-environment)" : "figures may move for that; --strict-environment makes this a failure";
    lines.push(paint(opts.color, STYLE.yellow, `the environment differs from the baseline's: ${summary.environment.join(", ")}; ${then}`));
  }
  if (summary.regressed > 0) lines.push(`accept the regressions on purpose with: ${opts.accept}`);
  return lines.join("\n");
}
