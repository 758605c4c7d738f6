/**
 * The one way memassert says that a figure is over, or within, its limit: used by
 * `memassert run --budget`, `memassert test`, `assertPeakBelow` and the plugins.
 */
import { formatBytes } from "./bytes.ts";

/** A measured figure against its limit. */
export interface Limited {
  /** What was measured: "peak", "growth", "root peak", "tree peak"… */
  what: string;
  /** The measured figure, in bytes. */
  figure: number;
  /** The limit, in bytes. */
  limit: number;
  /** Where the limit is set, to tell the user where to change it; omitted when empty. */
  source?: string;
  /** How many runs the figure is the median of (said when more than one). */
  runs?: number;
}

/**
 * `part` as a percentage of `whole`, with one decimal and a sign: "+12.5 %", "-0.4 %";
 * empty when `whole` is 0 (no percentage of nothing). Never above 100 %: a part larger than
 * the whole is said as how many times the whole the sum is ("17.1×"), which people read at
 * once where "+1612.9 %" needs working out.
 *
 * @example
 * ```ts
 * signedPercent(1, 8);   // "+12.5 %"
 * signedPercent(-1, 8);  // "-12.5 %"
 * signedPercent(64, 4);  // "17.0×"
 * ```
 */
export function signedPercent(part: number, whole: number): string {
  if (whole === 0) return "";
  const p = (part / whole) * 100;
  if (p > 100) return `${((whole + part) / whole).toFixed(1)}×`;
  return `${p < 0 ? "-" : "+"}${Math.abs(p).toFixed(1)} %`;
}

/**
 * {@link signedPercent} in a sentence: a multiple names what it is a multiple of.
 *
 * @example
 * ```ts
 * changeOf(1, 8, "the limit");   // "+12.5 %"
 * changeOf(64, 4, "the limit");  // "17.0× the limit"
 * ```
 */
export function changeOf(part: number, whole: number, of: string): string {
  const pct = signedPercent(part, whole);
  return pct.endsWith("×") ? `${pct} ${of}` : pct;
}

function described(l: Limited): string {
  return `${l.what} ${formatBytes(l.figure)}${(l.runs ?? 1) > 1 ? ` (median of ${l.runs} runs)` : ""}`;
}

function where(l: Limited): string {
  return l.source ? `; the limit is set in ${l.source}` : "";
}

/**
 * The failure text of a figure over its limit: the figure, the limit, the excess in bytes and
 * percent, and where the limit is set.
 *
 * @example
 * ```ts
 * overLimit({ what: "growth", figure: 70e6, limit: 64 * 2 ** 20, source: "parse.mem.ts:4" });
 * // growth 66.8 MiB is over its limit of 64.0 MiB by 2.8 MiB (+4.3 %); the limit is set in parse.mem.ts:4
 * ```
 */
export function overLimit(l: Limited): string {
  const by = l.figure - l.limit;
  const pct = changeOf(by, l.limit, "the limit");
  return `${described(l)} is over its limit of ${formatBytes(l.limit)} by ${formatBytes(by)}${pct ? ` (${pct})` : ""}${where(l)}`;
}

/**
 * The text of a figure within its limit: how much is left.
 *
 * @example
 * ```ts
 * withinLimit({ what: "root peak", figure: 1.5 * 2 ** 20, limit: 64 * 2 ** 20 });
 * // root peak 1.5 MiB is within its limit of 64.0 MiB: 62.5 MiB (97.7 %) to spare
 * ```
 */
export function withinLimit(l: Limited): string {
  const spare = l.limit - l.figure;
  const pct = l.limit > 0 ? ` (${((spare / l.limit) * 100).toFixed(1)} %)` : "";
  return `${described(l)} is within its limit of ${formatBytes(l.limit)}: ${formatBytes(spare)}${pct} to spare${where(l)}`;
}

/** Whether a figure breaks its limit: strictly above it (a figure at the limit passes). */
export function isOver(figure: number, limit: number): boolean {
  return figure > limit;
}
