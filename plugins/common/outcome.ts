/** What every plugin does with a judged case: add it to the results file, and say why it failed. */
import type { CaseResult } from "../../runner/budget/types.ts";
import { appendLocked, REPORT_ENV, resultLine } from "../../runner/report/append.ts";

/** Appends `result` to the results file named by $MEMASSERT_REPORT, when it is set. */
export function report(result: CaseResult): void {
  const path = process.env[REPORT_ENV];
  if (path) appendLocked(path, resultLine(result));
}

/**
 * The message of a failed case: `memassert test`'s failure text (figure, limit, excess, where
 * the limit is set), and for a case that threw or could not run, what it printed; paths under
 * the current directory are shown relative to it, as `memassert test` shows them.
 */
export function failureText(result: CaseResult, clean: (output: string) => string = (o) => o.trim()): string {
  const failure = result.failure ?? "failed";
  const overLimit = result.runs.length > 0 && / is over its limit of /.test(failure) && !/\n\s+at /.test(failure);
  const output = overLimit ? "" : clean(result.output);
  const text = output ? `${failure}\n\nwhat the case printed:\n${output}` : failure;
  const dir = cwd()?.replace(/\/?$/, "/");
  return dir ? text.replaceAll(`file://${dir}`, "").replaceAll(dir, "") : text;
}

/** The current directory, or null where reading it is not allowed (Deno without --allow-read). */
function cwd(): string | null {
  try {
    return process.cwd();
  } catch {
    return null;
  }
}
