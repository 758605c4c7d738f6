/** Assertions on a measured command, for use inside test cases. */
import type { MeasureResult } from "../measure/result.ts";
import { parseBytes } from "./bytes.ts";
import { isOver, overLimit } from "./verdict.ts";

/**
 * A measured peak was above its limit; carries both figures, in bytes.
 *
 * @example
 * ```ts
 * try {
 *   assertPeakBelow(result, "64 MiB");
 * } catch (e) {
 *   if (e instanceof BudgetExceededError) console.log(e.actual - e.limit, "bytes over");
 * }
 * ```
 */
export class BudgetExceededError extends Error {
  readonly actual: number;
  readonly limit: number;
  constructor(message: string, actual: number, limit: number) {
    super(message);
    this.name = "BudgetExceededError";
    this.actual = actual;
    this.limit = limit;
  }
}

/**
 * Throws when the peak RSS of a measured command is above `limit`: the tree's
 * (every process it started, at the same moment) by default, or the root's.
 *
 * @example
 * ```ts
 * import { assertPeakBelow, measure, test } from "memassert";
 * test("gzip stays small", async () => {
 *   assertPeakBelow(await measure(["gzip", "-c", "data.bin"], { stdout: "ignore" }), "8 MiB");
 * });
 * ```
 */
export function assertPeakBelow(result: MeasureResult, limit: string | number, options: { of?: "tree" | "root" } = {}): void {
  const bytes = parseBytes(limit);
  const of = options.of ?? "tree";
  if (of !== "tree" && of !== "root") throw new RangeError(`assertPeakBelow: of must be "tree" or "root", got ${JSON.stringify(of)}`);
  const peak = of === "tree" ? result.tree.peakRss : result.root.peakRss;
  if (result.mode === "sample" && result.root.peakRss === 0) {
    throw new BudgetExceededError(`${result.argv.join(" ")}: ${of} peak unknown: nothing was read before the command ended (sample mode); it cannot pass a limit`, 0, bytes);
  }
  if (!isOver(peak, bytes)) return;
  const message = `${result.argv.join(" ")}: ${overLimit({ what: `${of} peak`, figure: peak, limit: bytes, source: "assertPeakBelow()" })}`;
  throw new BudgetExceededError(message, peak, bytes);
}
