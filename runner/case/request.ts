/**
 * How a case's process learns which case to run: the runner writes a request file and names
 * it in the environment variable {@link CASE_ENV}. A case's name never crosses on the command
 * line, where a NUL byte would cut it short and a long one would not fit (execve refuses an
 * argument over 128 KiB with E2BIG).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TypeGrowth } from "../budget/types.ts";
import type { CasePlan } from "./plan.ts";

/** The environment variable naming a case's request file. */
export const CASE_ENV = "MEMASSERT_CASE";

/** Which case a case's process runs, and where it writes its verdict. */
export interface CaseRequest {
  /** Absolute path of the test file. */
  file: string;
  /** The case's name, as declared (any text). */
  name: string;
  /** `memassert test`: the case's position among the file's `test()` calls. */
  index?: number;
  /** The plugins: where in the file the case is declared (runner/case/key.ts). */
  site?: string;
  /** Where the case's process writes its {@link ChildVerdict}. */
  verdict: string;
  /** Warm-up and further runs around the measured one. */
  plan?: CasePlan;
  /** What else the front end that started the case wants its process to know. */
  extra?: Record<string, unknown>;
}

/** What a case's process writes for the runner once its case ran. */
export interface ChildVerdict {
  /** The error the case threw, as a person should read it; null when it returned. */
  error: string | null;
  /** The JS heap in use after the full GC before the case, and after the one after it. */
  heap?: { before: number | null; after: number | null };
  /** With `leakRuns`: the JS heap in use after each run after the first, each after a full GC. */
  heapAfterRuns?: (number | null)[];
  /** With the plan's `types`: the object types that grew most, or null where the runtime could not count them. */
  types?: TypeGrowth[] | null;
  /** What the front end wants its runner's side to know (the bun plugin: the describe labels). */
  extra?: Record<string, unknown>;
}

/** Writes `request` into `dir` and returns the environment entry that names it. */
export function writeRequest(dir: string, request: CaseRequest): Record<string, string> {
  const path = join(dir, "request.json");
  writeFileSync(path, JSON.stringify(request));
  return { [CASE_ENV]: path };
}

/** The request of this case's process, or null when this process runs no case. */
export function readRequest(env: Record<string, string | undefined> = process.env): CaseRequest | null {
  const path = env[CASE_ENV];
  if (!path) return null;
  // A variable left set by a user, or inherited by what a case runs, names nothing to run.
  try {
    return JSON.parse(readFileSync(path, "utf8")) as CaseRequest;
  } catch {
    return null;
  }
}
