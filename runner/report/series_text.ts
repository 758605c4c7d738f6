/**
 * The reports of repeated runs (runner/measure/series.ts): the text `memassert run --runs N`
 * prints, the Markdown of `--export-markdown`. Pure functions of the series.
 *
 * @module
 */
import { formatBytes } from "../budget/bytes.ts";
import type { Series, Spread } from "../measure/series.ts";
import { commandLine, formatDuration } from "./summary.ts";

const FIGURES = [
  ["root peak", (s: Series) => s.rootPeakRss, formatBytes],
  ["tree peak", (s: Series) => s.treePeakRss, formatBytes],
  ["tree PSS", (s: Series) => s.treePeakPss, formatBytes],
  ["wall", (s: Series) => s.wallMs, formatDuration],
] as const;

/**
 * Each command's figures over its runs (min, median, max, spread), and, for several
 * commands, a comparison of their medians with the ratio of each tree peak to the smallest.
 * Lines start with "memassert:" or are indented under one. Ends without a newline.
 *
 * @example
 * ```ts
 * formatSeries(series, { runs: 5, warmup: 1 });
 * // memassert: ./alloc 64  (5 runs, 1 warm-up)
 * //              min        median     max        spread
 * //   root peak  65.1 MiB   65.1 MiB   65.1 MiB   0 B (0.0 %)
 * //   …
 * ```
 */
export function formatSeries(series: Series[], o: { runs: number; warmup: number }): string {
  const runs = `${o.runs} ${o.runs === 1 ? "run" : "runs"}${o.warmup ? `, ${o.warmup} warm-up` : ""}`;
  const blocks = series.map((s) => {
    const rows = FIGURES.map(([name, get, unit]) => {
      const f = get(s);
      return [name, unit(f.min), unit(f.median), unit(f.max), `${unit(f.spread)} (${percent(f)})`];
    });
    return [`memassert: ${commandLine(s.argv)}  (${runs})`, ...table([["", "min", "median", "max", "spread"], ...rows], "  ")].join("\n");
  });
  if (series.length > 1) {
    const head = ["command", "root peak", "tree peak", "tree PSS", "wall", "ratio"];
    const rows = series.map((s) => [
      commandLine(s.argv), formatBytes(s.rootPeakRss.median), formatBytes(s.treePeakRss.median),
      formatBytes(s.treePeakPss.median), formatDuration(s.wallMs.median), ratio(s),
    ]);
    blocks.push([`memassert: compared (medians; ratio: tree peak over the smallest)`, ...table([head, ...rows], "  ")].join("\n"));
  }
  return blocks.join("\n");
}

/**
 * The comparison as a Markdown table: one row per command, each figure as its median with
 * min…max under it, and the ratio.
 *
 * @example
 * ```ts
 * formatSeriesMarkdown(series);
 * // | command | root peak | tree peak | tree PSS | wall | ratio |
 * // |:---|---:|---:|---:|---:|---:|
 * // | `./alloc 32` | 33.1 MiB (33.1 MiB … 33.1 MiB) | … | 1.00 |
 * ```
 */
export function formatSeriesMarkdown(series: Series[]): string {
  const lines = ["| command | root peak | tree peak | tree PSS | wall | ratio |", "|:---|---:|---:|---:|---:|---:|"];
  for (const s of series) {
    const cells = FIGURES.map(([, get, unit]) => {
      const f = get(s);
      return `${unit(f.median)} (${unit(f.min)} … ${unit(f.max)})`;
    });
    lines.push(`| \`${commandLine(s.argv).replace(/[|`]/g, "\\$&")}\` | ${cells.join(" | ")} | ${ratio(s)} |`);
  }
  return `${lines.join("\n")}\n`;
}

function ratio(s: Series): string {
  return s.ratio === 1 ? "1.00" : `${s.ratio.toFixed(2)}×`;
}

function percent(f: Spread): string {
  return f.median === 0 ? "0.0 %" : `${((100 * f.spread) / f.median).toFixed(1)} %`;
}

/** Rows aligned in columns: the first left, the others right. */
function table(rows: string[][], indent: string): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => indent + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("   ").trimEnd());
}
