/**
 * memassert/bun: memory budgets inside `bun test`. `memtest` declares a case run alone in a
 * traced process of its own and judged like `memassert test`'s; importing this module (or
 * preloading it with `[test] preload` in bunfig.toml) also adds the matchers `toPeakBelow`,
 * `toTreePeakBelow` and `toGrowBelow` to `expect`.
 *
 * @example
 * ```ts
 * import { expect, test } from "bun:test";
 * import { measure } from "memassert";
 * import { memtest } from "memassert/bun";
 *
 * memtest("index 100k rows", { growth: "64 MiB" }, () => {
 *   indexBy(parseCsv(makeCsv(100_000)), "id");
 * });
 *
 * test("sort stays small", async () => {
 *   expect(await measure(["sort", "big.txt"], { stdout: "ignore" })).toTreePeakBelow("64 MiB");
 * });
 * ```
 * @module
 */
import "./matchers.ts";

export { memtest } from "./memtest.ts";
export type { EachMemtest, Memtest } from "./memtest.ts";
export type { Size, SizeUnit } from "./matchers.ts";
export type { MemtestFn } from "../common/declare.ts";
export type { CaseOptions, CaseResult } from "../../runner/budget/types.ts";
