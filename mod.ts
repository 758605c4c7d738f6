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
export { defaults, test } from "./runner/testing/api.ts";
export type { CaseFn, TestFn } from "./runner/testing/api.ts";
export { assertPeakBelow, BudgetExceededError } from "./runner/testing/assert.ts";
export type { CaseOptions, CaseResult, TestReport } from "./runner/testing/types.ts";
export type { Mark } from "./runner/result.ts";
