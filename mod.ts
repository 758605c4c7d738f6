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
export { measure } from "./runner/measure/measure.ts";
export type { MeasureOptions, Stdio } from "./runner/measure/options.ts";
export { MeasureError } from "./runner/measure/errors.ts";
export { UnsupportedRuntimeError } from "./ffi/unsupported.ts";
export type {
  ExplainedProcess, Mapping, MappingKind, MappingRest, Mark, MeasureResult, Mode, PeakExplanation, ProcessResult, Point, RssSplit, Timeline, Usage,
} from "./runner/measure/result.ts";
export { formatBytes, parseBytes } from "./runner/budget/bytes.ts";
export { assertPeakBelow, BudgetExceededError } from "./runner/budget/assert.ts";
export type { CaseOptions, CaseResult, LeakSeries, LeakVerdict, TypeGrowth } from "./runner/budget/types.ts";
export { defaults, describe, test } from "./runner/testing/api.ts";
export type { CaseFn, TestFn } from "./runner/testing/api.ts";
export type { TestReport } from "./runner/testing/types.ts";
