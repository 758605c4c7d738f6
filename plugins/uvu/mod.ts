/**
 * memassert/uvu: memory budgets inside uvu, under Node, Bun or Deno. `memtest` declares an
 * ordinary uvu test whose body runs the case alone in a traced process of its own and judges
 * it like `memassert test`.
 *
 * @example
 * ```ts
 * import { test } from "uvu";
 * import { memtest } from "memassert/uvu";
 *
 * memtest("index 100k rows", { growth: "64 MiB" }, () => {
 *   indexBy(parseCsv(makeCsv(100_000)), "id");
 * });
 * test.run();
 * ```
 * @module
 */
export { memtest } from "./memtest.ts";
export type { Memtest, MemtestOptions, UvuContext, UvuMemtestFn, UvuSuite } from "./memtest.ts";
export type { CaseOptions, CaseResult } from "../../runner/budget/types.ts";
