/**
 * The baseline file: each case's figures as they were when someone accepted them, committed
 * beside the tests and reviewed in pull requests. Written for diffs: keys sorted, one case per
 * line, whole bytes, and the environment that produced it. A file that is not a baseline this
 * memassert can read is an error, never an empty baseline that lets everything pass.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { major, VERSION } from "./environment.ts";
import type { Baseline, BaselineEntry, Environment, Metric } from "./types.ts";

/** What a baseline's `"format"` says. */
export const BASELINE_FORMAT = "memassert baseline";
/** The version of the file's shape; raised when a field changes meaning. */
export const BASELINE_VERSION = 1;
/** Where `memassert test` looks for a baseline when none is given. */
export const DEFAULT_BASELINE = ".memassert/baseline.json";

const METRICS: Metric[] = ["peak", "growth", "tree"];

/** A baseline that cannot be used; the CLI exits 2 with its message. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaselineError";
  }
}

/**
 * Reads the baseline at `path`; null when there is no such file.
 *
 * @throws {BaselineError} for a file that is not JSON (cut short, say), not a baseline, made
 *   by another major version of memassert, or holding a figure that is not whole bytes.
 *
 * @example
 * ```ts
 * const b = readBaseline(".memassert/baseline.json");
 * b?.cases["examples/parse.mem.ts › parse 10k rows of CSV"].peak; // 55443456
 * ```
 */
export function readBaseline(path: string): Baseline | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return null;
    throw new BaselineError(`baseline "${path}": cannot be read (${(err as Error).message})`);
  }
  return parseBaseline(text, path);
}

/** Parses and checks the text of a baseline read from `path` (named in errors). */
export function parseBaseline(text: string, path: string): Baseline {
  const fail = (why: string) => new BaselineError(`baseline "${path}" ${why}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const cut = text.trimEnd().endsWith("}") ? "" : ", it looks cut short";
    throw fail(`is not valid JSON${cut} (${(err as Error).message}): restore it (git checkout -- ${path}), or delete it and re-create it with -u`);
  }
  const o = doc as Record<string, unknown>;
  if (o === null || typeof o !== "object" || Array.isArray(o) || o.format !== BASELINE_FORMAT) {
    const said = o !== null && typeof o === "object" && "format" in o ? `its "format" is ${JSON.stringify(o.format)}` : `it has no "format"`;
    throw fail(`is not a memassert baseline (${said}, expected "${BASELINE_FORMAT}"): give the baseline file with --baseline`);
  }
  if (typeof o.version !== "number" || !Number.isInteger(o.version) || o.version < 1) {
    throw fail(`has an unknown "version" ${JSON.stringify(o.version)} (this memassert reads version ${BASELINE_VERSION}): delete it and re-create it with -u`);
  }
  if (o.version > BASELINE_VERSION) {
    throw fail(`has format version ${o.version}, newer than this memassert ${VERSION} reads (${BASELINE_VERSION}): upgrade memassert`);
  }
  const env = environment(o.environment, fail);
  const ours = major(VERSION), theirs = major(env.memassert);
  if (theirs !== ours) {
    const which = theirs > ours ? "a newer" : "an older";
    const fix = theirs > ours ? "upgrade memassert, or delete the file and re-create it with -u" : "delete it and re-create it with -u";
    throw fail(`was made by memassert ${env.memassert}, ${which} major version than this one (${VERSION}): ${fix}`);
  }
  if (o.cases === null || typeof o.cases !== "object" || Array.isArray(o.cases)) throw fail(`has no "cases" object`);
  const cases: Record<string, BaselineEntry> = {};
  for (const [id, value] of Object.entries(o.cases as Record<string, unknown>)) cases[id] = entry(id, value, fail);
  return { environment: env, cases };
}

function environment(value: unknown, fail: (why: string) => Error): Environment {
  const e = value as Record<string, unknown>;
  if (e === null || typeof e !== "object" || typeof e.memassert !== "string" || !/^\d+\./.test(e.memassert)) {
    throw fail(`has no "environment" with the "memassert" version that made it: delete it and re-create it with -u`);
  }
  const text = (k: string, nullable: boolean): string | null => {
    const v = e[k];
    if (typeof v === "string" || (nullable && v === null)) return v as string | null;
    throw fail(`has an "environment" whose "${k}" is ${JSON.stringify(v)}, not a text${nullable ? " or null" : ""}`);
  };
  return {
    memassert: e.memassert, runtime: text("runtime", true), arch: text("arch", false)!, kernel: text("kernel", false)!,
    libc: text("libc", true),
  };
}

function entry(id: string, value: unknown, fail: (why: string) => Error): BaselineEntry {
  const v = value as Record<string, unknown>;
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw fail(`has case ${JSON.stringify(id)} that is not an object like {"peak": 1048576}`);
  const out: BaselineEntry = {};
  for (const [k, n] of Object.entries(v)) {
    if (!(METRICS as string[]).includes(k)) throw fail(`has case ${JSON.stringify(id)} with an unknown figure "${k}" (known: ${METRICS.join(", ")})`);
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      throw fail(`has case ${JSON.stringify(id)} whose ${k} ${JSON.stringify(n)} is not a whole number of bytes`);
    }
    out[k as Metric] = n;
  }
  return out;
}

/**
 * The text of a baseline file: its keys sorted, one case per line, ending with a newline.
 *
 * @example
 * ```ts
 * formatBaseline({ environment, cases: { "a.mem.ts › x": { peak: 52428800, growth: 1048576 } } });
 * // {
 * //   "format": "memassert baseline",
 * //   "version": 1,
 * //   "environment": {"memassert": "0.1.0", …},
 * //   "cases": {
 * //     "a.mem.ts › x": {"peak": 52428800, "growth": 1048576}
 * //   }
 * // }
 * ```
 */
export function formatBaseline(b: Baseline): string {
  const e = b.environment;
  const env = (["memassert", "runtime", "arch", "kernel", "libc"] as const).map((k) => `${JSON.stringify(k)}: ${JSON.stringify(e[k])}`);
  const ids = Object.keys(b.cases).sort(byCodeUnits);
  const lines = ids.map((id, i) => {
    const c = b.cases[id];
    const figures = METRICS.filter((m) => c[m] !== undefined).map((m) => `"${m}": ${c[m]}`);
    return `    ${JSON.stringify(id)}: {${figures.join(", ")}}${i < ids.length - 1 ? "," : ""}`;
  });
  return [
    "{",
    `  "format": "${BASELINE_FORMAT}",`,
    `  "version": ${BASELINE_VERSION},`,
    `  "environment": {${env.join(", ")}},`,
    ids.length ? `  "cases": {\n${lines.join("\n")}\n  }` : `  "cases": {}`,
    "}",
    "",
  ].join("\n");
}

/** Sorts by UTF-16 code units: the same order on every machine, whatever its locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
