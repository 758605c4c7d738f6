/**
 * What a CI service gets besides the log: on GitHub Actions (`GITHUB_ACTIONS` set),
 * annotations of the failing cases and a table appended to `$GITHUB_STEP_SUMMARY`.
 */
import { appendFileSync, statSync } from "node:fs";
import type { GateSummary } from "../gate/types.ts";
import { githubAnnotations, githubStepSummary, STEP_SUMMARY_LIMIT } from "../report/github.ts";
import type { TestReport } from "../testing/types.ts";
import { errorLine } from "./io.ts";

function env(name: string): string | undefined {
  try {
    return process.env[name];
  } catch {
    return undefined; // Deno without --allow-env
  }
}

/**
 * Writes the GitHub outputs of `report` when running under GitHub Actions: annotations through
 * `write` (the log, where the runner reads workflow commands), and the step summary appended
 * to its file, within what is left of its 1 MiB. Returns a warning to print, or "".
 */
export function writeCiOutputs(report: TestReport, gate: GateSummary | null, accept: string, write: (text: string) => void): string {
  if (!env("GITHUB_ACTIONS")) return "";
  const annotations = githubAnnotations(report.results, report.fileErrors, report.root ?? process.cwd());
  if (annotations !== "") write(`${annotations}\n`);
  const path = env("GITHUB_STEP_SUMMARY");
  if (!path) return "";
  try {
    let used = 0;
    try {
      used = statSync(path).size;
    } catch {
      // not created yet
    }
    appendFileSync(path, githubStepSummary(report, gate, Math.max(0, STEP_SUMMARY_LIMIT - used), accept));
    return "";
  } catch (err) {
    return `memassert: cannot append to GITHUB_STEP_SUMMARY "${path}": ${errorLine(err)}`;
  }
}
