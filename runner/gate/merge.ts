/**
 * Joining results files into one report: the shards of a CI run (`memassert merge`), or the
 * files of several test runners (`memassert gate`). Shards must come from one memassert
 * version, each shard once and none missing, each case in one shard only; otherwise the
 * merged verdict would not be the verdict of one run, and that is an error.
 *
 * @module
 */
import type { CaseResult, FileError, TestReport } from "../testing/types.ts";
import { byCodeUnits } from "./baseline.ts";
import { resultId } from "./judge.ts";
import { type LoadedResults, ResultsError } from "./results.ts";

/** The joined report, and what was worth a warning on the way. */
export interface Merged {
  report: TestReport;
  warnings: string[];
}

/**
 * Joins `docs` (read by `readResults`, so their paths are under `root`) into one report,
 * its results sorted by case id. With `strict` (merge), mixed memassert versions, a shard
 * given twice or missing, and a case in two files are errors; without (gate), warnings, and
 * the last result of a case wins.
 *
 * @throws {ResultsError} in strict mode, naming the files at fault.
 *
 * @example
 * ```ts
 * const { report } = mergeResults(files.flatMap((f) => readResults(f, cwd)), cwd, true);
 * ```
 */
export function mergeResults(docs: LoadedResults[], root: string, strict: boolean): Merged {
  const warnings: string[] = [];
  const complain = (message: string) => {
    if (strict) throw new ResultsError(message);
    warnings.push(message);
  };
  const where = (d: LoadedResults) => (d.line === null ? d.file : `${d.file}:${d.line}`);

  const versions = new Map<string, string>();
  for (const d of docs) {
    const v = d.report.environment?.memassert;
    if (v !== undefined && !versions.has(v)) versions.set(v, where(d));
  }
  if (versions.size > 1) {
    complain(`results of different memassert versions: ${[...versions].map(([v, w]) => `${v} in ${w}`).join(", ")} (run every shard with the same memassert)`);
  }
  checkShards(docs, where, complain);

  const byId = new Map<string, { result: CaseResult; from: LoadedResults }>();
  for (const d of docs) {
    for (const r of d.report.results) {
      const id = resultId(r, root);
      const seen = byId.get(id);
      if (seen !== undefined) {
        const message = `case "${id}" is in both ${where(seen.from)} and ${where(d)}`;
        if (seen.from.file !== d.file) complain(`${message} (overlapping shards: give each shard's results once)`);
        else warnings.push(`${message}; the later one is used`);
      }
      byId.set(id, { result: r, from: d });
    }
  }
  const results = [...byId.keys()].sort(byCodeUnits).map((id) => byId.get(id)!.result);
  const errors = new Map<string, FileError>();
  for (const d of docs) for (const e of d.report.fileErrors) errors.set(`${e.file}\n${e.message}`, e);
  const fileErrors = [...errors.values()];
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const first = docs.find((d) => d.report.environment !== undefined)?.report.environment;
  const paths = docs.every((d) => Array.isArray(d.report.paths)) ? [...new Set(docs.flatMap((d) => d.report.paths!))] : undefined;
  const report: TestReport = {
    results, found: results.length, fileErrors,
    passed: count("passed"), failed: count("failed") + fileErrors.length, skipped: count("skipped"),
    wallMs: Math.max(0, ...docs.map((d) => d.report.wallMs ?? 0)), untraceable: null,
    ...(first ? { environment: first } : {}), root, ...(paths ? { paths } : {}),
  };
  return { report, warnings };
}

/** Shards of one run: one count, each index once, none missing. */
function checkShards(docs: LoadedResults[], where: (d: LoadedResults) => string, complain: (m: string) => void): void {
  const sharded = docs.filter((d) => d.report.shard !== undefined);
  if (sharded.length === 0) return;
  const counts = new Set(sharded.map((d) => d.report.shard!.count));
  if (counts.size > 1) {
    complain(`shards of different splits: ${sharded.map((d) => `${d.report.shard!.index}/${d.report.shard!.count} in ${where(d)}`).join(", ")}`);
    return;
  }
  const [count] = counts;
  const seen = new Map<number, string>();
  for (const d of sharded) {
    const i = d.report.shard!.index;
    const before = seen.get(i);
    if (before !== undefined && before !== d.file) complain(`overlapping shards: shard ${i}/${count} is in both ${before} and ${where(d)}`);
    seen.set(i, d.file);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (missing.length) {
    complain(`shard ${missing.map((i) => `${i}/${count}`).join(", ")} missing: ${missing.length === 1 ? "its" : "their"} results are not among the files given (have ${[...seen.keys()].sort().map((i) => `${i}/${count}`).join(", ")})`);
  }
}
