/**
 * The text of `memassert run --explain`: where the memory went at the tree's peak, process by
 * process, and inside the largest processes their largest mappings. A pure function of the
 * result's `explain`.
 *
 * @module
 */
import { formatBytes } from "../budget/bytes.ts";
import type { MeasureResult } from "../measure/result.ts";
import type { ExplainedProcess } from "../trace/types.ts";
import { commandLine, formatDuration, truncate } from "./summary.ts";
import { visible } from "./text.ts";

/** Longest mapping name or command shown before it is cut with "…" from the left (paths end in what matters). */
const NAME_WIDTH = 64;
/** Mappings a process lists in the text (the JSON has more): those holding at least 1 % of its RSS, 5 at most. */
const TEXT_MAPPINGS = 5;
const TEXT_SHARE = 0.01;

/**
 * Where the memory went at the peak, for stderr, lines starting with `memassert:` then
 * indented; ends without a newline. Says when nothing could be explained.
 *
 * @example
 * ```ts
 * formatExplanation(await measure(["./a.out"], { explain: true }));
 * // memassert: at the peak (236.2 MiB of the tree's 236.2 MiB, at 0.71 s), where the memory went:
 * //   pid 4242  202.1 MiB RSS  200.2 MiB PSS  ./a.out
 * //           RSS        PSS  kind   mapping
 * //     200.0 MiB  200.0 MiB  anon   [anon] at 7f2dbd600000 (200.0 MiB mapped)
 * //       2.1 MiB  232.0 KiB         19 other mappings
 * //   pid 4243   34.1 MiB RSS  32.2 MiB PSS  ./a.out
 * //   …
 * ```
 */
export function formatExplanation(r: MeasureResult): string {
  const e = r.explain;
  if (e === undefined) {
    return "memassert: --explain: no peak was read at a stop of the tracer (the tree never freed memory while it held any), so there is nothing to explain";
  }
  const lines = [`memassert: at the peak (${formatBytes(e.treeRss)} of the tree's ${formatBytes(r.tree.peakRss)}, at ${formatDuration(e.ms)}), where the memory went:`];
  if (e.treeRss < r.tree.peakRss) {
    lines.push(r.mode === "fast"
      ? "  (fast mode reads memory at exits and execs only, and its peak is the kernel's VmHWM: use --mode exact to explain the peak itself)"
      : "  (later peaks passed this one by less than max(1 MiB, 1/16 of it), so smaps was not read again)");
  }
  for (const p of e.processes) lines.push(...processLines(p));
  if (e.others.processes > 0) lines.push(`  ${e.others.processes} more ${e.others.processes === 1 ? "process" : "processes"}: ${formatBytes(e.others.rss)} RSS`);
  lines.push(`  (mappings read ${e.reads} ${e.reads === 1 ? "time" : "times"} over the run)`);
  return lines.join("\n");
}

function processLines(p: ExplainedProcess): string[] {
  const pss = p.pss === null ? "" : `  ${formatBytes(p.pss)} PSS`;
  const head = `  pid ${p.pid}  ${formatBytes(p.rss)} RSS${pss}  ${truncate(commandLine(p.argv), NAME_WIDTH)}`;
  if (p.mappings === null || p.rest === null) return [head];
  const shown = p.mappings.filter((m, i) => i < TEXT_MAPPINGS && m.rss > 0 && m.rss >= p.rss * TEXT_SHARE);
  const rows = shown.map((m) => [formatBytes(m.rss), formatBytes(m.pss), m.kind, mappingName(m.name, m.kind, m.start, m.size, m.mappings)]);
  const rest = { ...p.rest };
  for (const m of p.mappings.slice(shown.length)) {
    rest.mappings += m.mappings;
    rest.rss += m.rss;
    rest.pss += m.pss;
  }
  if (rest.mappings > 0) rows.push([formatBytes(rest.rss), formatBytes(rest.pss), "", `${rest.mappings} other ${rest.mappings === 1 ? "mapping" : "mappings"}`]);
  const widths = [0, 1].map((i) => Math.max(9, ...rows.map((row) => row[i].length)));
  const line = (c: string[]) => `    ${c[0].padStart(widths[0])}  ${c[1].padStart(widths[1])}  ${c[2].padEnd(7)}${c[3]}`.trimEnd();
  return [head, line(["RSS", "PSS", "kind", "mapping"]), ...rows.map(line)];
}

/** "[anon] at 7f…" for one anonymous mapping; a file's path, cut from the left, with its count of mappings. */
function mappingName(name: string, kind: string, start: string, size: number, mappings: number): string {
  const shown = visible(name.length > NAME_WIDTH ? `…${name.slice(name.length - NAME_WIDTH + 1)}` : name);
  if (kind === "anon" || kind === "heap" || kind === "stack") return `${shown} at ${start} (${formatBytes(size)} mapped)`;
  return mappings > 1 ? `${shown} (${mappings} mappings)` : shown;
}
