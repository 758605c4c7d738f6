/**
 * Paths in the documents a run writes for CI (JSON, JUnit): relative to the project root, the
 * report's `root`, so that the same case reads the same on every machine and checkout, and a
 * CI view shows `examples/parse.mem.ts`, not a runner's home directory. Paths outside the root
 * stay absolute; a report without a root is left as it is.
 *
 * @module
 */

import { relativeFile } from "../gate/ids.ts";
import type { TestReport } from "../testing/types.ts";

/**
 * `report` with its results' `file` and `location`, and its file errors' `file`, relative to
 * `report.root`, and the paths under the root in failures and load errors too.
 *
 * @example
 * ```ts
 * relativePaths({ ...report, root: "/repo" }).results[0].file; // "examples/parse.mem.ts"
 * ```
 */
export function relativePaths(report: TestReport): TestReport {
  const root = report.root;
  if (!root) return report;
  const dir = root.endsWith("/") ? root : `${root}/`;
  const rel = (path: string) => (path.startsWith(dir) ? relativeFile(path, root) : path);
  const inText = (text: string) => text.replaceAll(`file://${dir}`, "").replaceAll(dir, "");
  return {
    ...report,
    results: report.results.map((r) => ({ ...r, file: rel(r.file), location: rel(r.location), failure: r.failure === null ? null : inText(r.failure) })),
    fileErrors: report.fileErrors.map((e) => ({ ...e, file: rel(e.file), message: inText(e.message) })),
  };
}
