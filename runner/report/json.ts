/**
 * The `--reporter json` document: the whole {@link TestReport} as stable JSON (its shape is
 * schema/test-report.schema.json), for scripts and
 * dashboards.
 *
 * @module
 */

import { relativePaths } from "./relative.ts";
import type { CaseResult, FileError, RunMeasure, TestReport } from "../testing/types.ts";

/** The version of the JSON document; raised when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1;

/**
 * The report as JSON, indented by two spaces, without a trailing newline.
 *
 * Stable: keys always come in the same order (`version, passed, failed, skipped, wallMs`, then
 * when known `environment, root, paths, shard, bailed, gate`, then `fileErrors, results`; each
 * result's as in {@link CaseResult}) and nothing beyond the documented fields is written (a
 * case's timeline, `trace`, is left to the HTML report). Sizes are exact integers in bytes;
 * absent figures are `null`; paths are relative to `root` (see relative.ts);
 * times are milliseconds. Text (names, failures, output) is kept as the case produced it.
 *
 * @example
 * ```ts
 * const doc = JSON.parse(formatJson(report));
 * doc.version;          // 1
 * doc.results[0].peak;  // 43201331 (bytes)
 * ```
 */
export function formatJson(report: TestReport): string {
  report = relativePaths(report);
  const doc = {
    version: JSON_REPORT_VERSION,
    passed: report.passed,
    failed: report.failed,
    skipped: report.skipped,
    wallMs: report.wallMs,
    ...(report.environment ? { environment: report.environment } : {}),
    ...(report.root !== undefined ? { root: report.root } : {}),
    ...(report.paths ? { paths: report.paths } : {}),
    ...(report.shard ? { shard: report.shard } : {}),
    ...(report.bailed ? { bailed: report.bailed } : {}),
    ...(report.gate ? { gate: report.gate } : {}),
    fileErrors: report.fileErrors.map(fileError),
    results: report.results.map(caseResult),
  };
  return JSON.stringify(doc, null, 2);
}

function fileError(e: FileError): FileError {
  return { file: e.file, message: e.message };
}

function caseResult(r: CaseResult): CaseResult {
  return {
    file: r.file,
    name: r.name,
    location: r.location,
    status: r.status,
    peak: r.peak,
    growth: r.growth,
    baseline: r.baseline,
    treePeak: r.treePeak,
    budget: r.budget,
    growthBudget: r.growthBudget,
    ...retainedOf(r),
    ...(r.types !== undefined ? { types: r.types } : {}),
    ...(r.leak ? { leak: r.leak } : {}),
    headroom: r.headroom,
    runs: r.runs.map(run),
    failure: r.failure,
    output: r.output,
    wallMs: r.wallMs,
    ...(r.tolerance ? { tolerance: r.tolerance } : {}),
    ...(r.gate ? { gate: r.gate } : {}),
  };
}

/** The retained figures and their limits, in results that have them (results of older writers do not). */
function retainedOf(r: CaseResult): Partial<CaseResult> {
  if (r.retained === undefined) return {};
  return { retained: r.retained, heapRetained: r.heapRetained ?? null, retainedBudget: r.retainedBudget ?? null, heapRetainedBudget: r.heapRetainedBudget ?? null };
}

function run(m: RunMeasure): RunMeasure {
  return {
    peak: m.peak, growth: m.growth, baseline: m.baseline, treePeak: m.treePeak, wallMs: m.wallMs,
    ...(m.retained !== undefined ? { retained: m.retained, heapRetained: m.heapRetained ?? null } : {}),
    ...(m.leak ? { leak: { heapRetained: m.leak.heapRetained, retained: m.leak.retained } } : {}),
  };
}
