/**
 * memassert: exact peak memory of Linux processes, and memory budgets.
 *
 * @example
 * ```ts
 * import { measure, formatBytes } from "memassert";
 * const r = await measure(["sh", "-c", "sort big.txt > /dev/null"]);
 * console.log(`peak ${formatBytes(r.tree.peakRss)}`);
 * ```
 * @module
 */
export { measure } from "./runner/measure.ts";
export type { MeasureOptions, Stdio } from "./runner/measure.ts";
export { MeasureError } from "./runner/errors.ts";
export { formatBytes, parseBytes } from "./runner/bytes.ts";
export type { MeasureResult, Mode, ProcessResult, RssSplit, Sample } from "./runner/result.ts";
