/**
 * A case with no limit at all passes whatever it uses: the report says so ("no limit"), and
 * `--require-limits` fails it, so that a suite cannot pass by forgetting to set one.
 */
import { formatBytes } from "./bytes.ts";
import type { CaseResult } from "./types.ts";

/** The limits of a case's result, each null when not set: every limit a case can be judged on. */
type Limits = Pick<CaseResult, "budget" | "growthBudget" | "retainedBudget" | "heapRetainedBudget" | "leak">;

/**
 * Whether any limit applies to the case.
 *
 * @example
 * ```ts
 * hasLimit({ budget: null, growthBudget: 8 * 2 ** 20 }); // true
 * hasLimit({ budget: null, growthBudget: null });        // false
 * ```
 */
export function hasLimit(r: Limits): boolean {
  // A leak verdict (leakRuns) is a limit too: the slope has one.
  return r.budget !== null || r.growthBudget !== null || r.retainedBudget != null || r.heapRetainedBudget != null || r.leak !== undefined;
}

/**
 * `r` failed when it ran without any limit (`--require-limits`); unchanged otherwise. The
 * failure says what the case used, to choose a limit from, and where a limit can be set.
 *
 * @example
 * ```ts
 * requireLimit(result).failure;
 * // no limit is set for this case, and --require-limits asks for one (it peaked at 52.1 MiB
 * // and grew 3.2 MiB): set { growth } or { budget } in test("parse", { … }) at parse.mem.ts:4, …
 * ```
 */
export function requireLimit(r: CaseResult, call = "test"): CaseResult {
  if (r.status === "skipped" || hasLimit(r)) return r;
  const used = r.peak !== null && r.growth !== null ? ` (it peaked at ${formatBytes(r.peak)} and grew ${formatBytes(r.growth)})` : "";
  const why = `no limit is set for this case, and --require-limits asks for one${used}: set { growth } or { budget } ` +
    `in ${call}(${JSON.stringify(r.name)}, { … }) at ${r.location}, in defaults() of its file, in memassert.config.ts, or with --growth or --budget`;
  return { ...r, status: "failed", failure: r.failure === null ? why : `${r.failure}\n${why}` };
}
