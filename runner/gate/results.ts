/**
 * Reading results files: what `memassert test --reporter json` writes (one document), or what
 * the plugins append (JSON Lines, one whole document a line). Each result is checked for the
 * fields the gate needs, so a broken file is an error that names it, never a quiet pass.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CaseResult, FileError, TestReport } from "../testing/types.ts";
import { relativeFile } from "./ids.ts";

/** The `version` of results documents this memassert reads. */
export const RESULTS_VERSION = 1;

/** A results file that cannot be used; the CLI exits 2 with its message. */
export class ResultsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ResultsError";
  }
}

/** One document read from a results file, with its results' paths made relative to the current folder. */
export interface LoadedResults {
  /** The file, as given. */
  file: string;
  /** The line of a JSON Lines file, from 1; null for a file that is one document. */
  line: number | null;
  report: TestReport;
}

/**
 * The results files among `args`: files as given, and in a folder every `*.json` and
 * `*.jsonl` file (sorted, not recursing).
 *
 * @throws {ResultsError} for a path that does not exist or a folder without results.
 */
export function expandResultPaths(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    let dir: boolean;
    try {
      dir = statSync(arg).isDirectory();
    } catch {
      throw new ResultsError(`no such file or directory: ${arg}`);
    }
    if (!dir) {
      out.push(arg);
      continue;
    }
    const found = readdirSync(arg).filter((f) => /\.jsonl?$/.test(f)).sort().map((f) => join(arg, f));
    if (found.length === 0) throw new ResultsError(`${arg}: no results files in it (*.json or *.jsonl)`);
    out.push(...found);
  }
  return out;
}

/**
 * Reads the documents of the results file at `path`. Results' files are rewritten to be
 * absolute under `cwd` at the same place relative to the root that wrote them, so results
 * made in another checkout (another CI machine) get the same case ids.
 *
 * @throws {ResultsError} naming the file (and line) that is not JSON, not a results document,
 *   or written by a newer memassert.
 */
export function readResults(path: string, cwd: string): LoadedResults[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ResultsError(`${path}: cannot be read (${(err as Error).message})`);
  }
  if (text.trim() === "") throw new ResultsError(`${path}: is empty (no results were written to it)`);
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    // Not one document: JSON Lines.
    const lines = text.split("\n");
    return lines.flatMap((line, i) => {
      if (line.trim() === "") return [];
      let doc: unknown;
      try {
        doc = JSON.parse(line);
      } catch (err) {
        const last = i >= lines.length - 2 ? " (the last line: was the writer killed?)" : "";
        throw new ResultsError(`${path}:${i + 1}: not a JSON document${last}: ${(err as Error).message}`);
      }
      return [{ file: path, line: i + 1, report: check(doc, `${path}:${i + 1}`, cwd) }];
    });
  }
  return [{ file: path, line: null, report: check(whole, path, cwd) }];
}

function check(doc: unknown, where: string, cwd: string): TestReport {
  const d = doc as Record<string, unknown>;
  const fix = "give files written by memassert test --reporter json or by the memassert plugins";
  if (d === null || typeof d !== "object" || Array.isArray(d) || !Array.isArray(d.results)) {
    throw new ResultsError(`${where}: not a memassert results document (no "results" list; ${fix})`);
  }
  if (d.version !== RESULTS_VERSION) {
    const newer = typeof d.version === "number" && d.version > RESULTS_VERSION;
    throw new ResultsError(`${where}: results version ${JSON.stringify(d.version)}${newer ? ", written by a newer memassert: upgrade this one" : ` is unknown (this memassert reads version ${RESULTS_VERSION}; ${fix})`}`);
  }
  const root = typeof d.root === "string" ? d.root : cwd;
  const move = (file: string) => resolve(cwd, relativeFile(file, root));
  const results = (d.results as unknown[]).map((r, i) => result(r, `${where}: results[${i}]`, move, root));
  const fileErrors = Array.isArray(d.fileErrors) ? (d.fileErrors as FileError[]).map((e) => ({ ...e, file: move(String(e.file)) })) : [];
  return { ...(d as unknown as TestReport), root: cwd, results, fileErrors, untraceable: null };
}

const NUMBER_OR_NULL = [
  "peak", "growth", "baseline", "treePeak", "budget", "growthBudget", "headroom", "retained", "heapRetained", "retainedBudget", "heapRetainedBudget",
] as const;

function result(value: unknown, where: string, move: (file: string) => string, root: string): CaseResult {
  const r = value as Record<string, unknown>;
  if (r === null || typeof r !== "object") throw new ResultsError(`${where}: not an object`);
  for (const k of ["file", "name", "location", "status"]) {
    if (typeof r[k] !== "string") throw new ResultsError(`${where}: "${k}" is ${JSON.stringify(r[k])}, not a text`);
  }
  if (!["passed", "failed", "skipped"].includes(r.status as string)) {
    throw new ResultsError(`${where}: "status" is ${JSON.stringify(r.status)} (expected passed, failed or skipped)`);
  }
  for (const k of NUMBER_OR_NULL) {
    if (r[k] !== undefined && r[k] !== null && typeof r[k] !== "number") throw new ResultsError(`${where}: "${k}" is ${JSON.stringify(r[k])}, not a number of bytes or null`);
  }
  if (typeof r.peak !== "number" && r.peak !== null) throw new ResultsError(`${where}: no "peak"`);
  const file = move(r.file as string);
  const location = (r.location as string).startsWith(root) ? move(r.location as string) : r.location as string;
  return {
    ...(r as unknown as CaseResult),
    file, location, growth: (r.growth ?? null) as number | null, runs: Array.isArray(r.runs) ? r.runs as CaseResult["runs"] : [],
    failure: (r.failure ?? null) as string | null, output: typeof r.output === "string" ? r.output : "",
  };
}
