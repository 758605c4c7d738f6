/**
 * memassert/deno: memory budgets inside `deno test`. `memtest` declares a case run alone in a
 * traced `deno run` process of its own and judged like `memassert test`'s; the test process
 * needs only `--allow-run` (the memassert executable does the tracing).
 *
 * @example
 * ```ts
 * import { memtest } from "memassert/deno";
 *
 * memtest("index 100k rows", { growth: "64 MiB" }, () => {
 *   indexBy(parseCsv(makeCsv(100_000)), "id");
 * });
 * ```
 * @module
 */
export { memtest } from "./memtest.ts";
export type { Memtest, MemtestDefinition, MemtestOptions } from "./memtest.ts";
export type { MemtestFn } from "../common/declare.ts";
export type { CaseOptions, CaseResult } from "../../runner/budget/types.ts";
