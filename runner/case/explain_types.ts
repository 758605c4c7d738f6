/**
 * Where a failed case's memory went: its case is run once more with heap snapshots before and
 * after (runner/case/object_types.ts), outside the runs it is judged on, and the object types
 * that grew most are added to its result (the reporters print them under its failure).
 */
import type { CaseResult, RunOutcome } from "../budget/types.ts";

/**
 * `result` with the types that grew in a run made by `rerun`, when it failed on its figures
 * (every run completed without an error); else `result` unchanged.
 */
export async function withObjectTypes(result: CaseResult, outcomes: RunOutcome[], rerun: () => Promise<RunOutcome>): Promise<CaseResult> {
  if (result.status !== "failed" || outcomes.length === 0 || outcomes.some((o) => o.error !== null)) return result;
  const again = await rerun();
  if (again.measure === null || again.types === undefined) return result;
  return { ...result, types: again.types };
}
