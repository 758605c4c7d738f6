/**
 * What `-u` and `--ratchet` changed in a baseline file, for the terminal: a line of counts,
 * then one line per case with its figures before and after. A pure function.
 *
 * @module
 */
import { formatBytes } from "../budget/bytes.ts";
import { metricLabel } from "../gate/compare.ts";
import type { BaselineEntry, Metric } from "../gate/types.ts";
import type { BaselineChange } from "../gate/update.ts";
import { oneLine } from "./text.ts";

const METRICS: Metric[] = ["peak", "growth", "tree"];

/**
 * The changes written to the baseline at `path`, ending without a newline.
 *
 * @example
 * ```ts
 * formatBaselineChanges(".memassert/baseline.json", changes, false);
 * // baseline .memassert/baseline.json updated: 1 raised, 1 added
 * //   raised  examples/index.mem.ts › index 200k rows in a Map  peak 152.9 MiB → 170.1 MiB, growth 31.3 MiB → 48.5 MiB
 * //   added   examples/new.mem.ts › x  peak 52.0 MiB, growth 1.2 MiB
 * ```
 */
export function formatBaselineChanges(path: string, changes: BaselineChange[], created: boolean): string {
  if (changes.length === 0) return `baseline ${path}: nothing to change`;
  const kinds = ["raised", "lowered", "added", "removed"] as const;
  const counts = kinds.map((k) => [k, changes.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0);
  const lines = [`baseline ${path} ${created ? "created" : "updated"}: ${counts.map(([k, n]) => `${n} ${k}`).join(", ")}`];
  for (const c of changes) lines.push(`  ${c.kind.padEnd(7)} ${oneLine(c.id)}  ${figures(c.before, c.after)}`);
  return lines.join("\n");
}

function figures(before: BaselineEntry | null, after: BaselineEntry | null): string {
  return METRICS.filter((m) => before?.[m] !== undefined || after?.[m] !== undefined).map((m) => {
    const b = before?.[m], a = after?.[m];
    if (b === undefined) return `${metricLabel(m)} ${formatBytes(a!)}`;
    if (a === undefined) return `${metricLabel(m)} was ${formatBytes(b)}`;
    return a === b ? `${metricLabel(m)} ${formatBytes(a)}` : `${metricLabel(m)} ${formatBytes(b)} → ${formatBytes(a)}`;
  }).join(", ");
}
