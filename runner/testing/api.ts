/** The functions test files call: `test`, `test.only`, `test.skip`, `describe`, `defaults`. */
import { callerLocation } from "../case/location.ts";
import { type CaseFn, registry } from "../case/registry.ts";
import type { CaseOptions } from "./types.ts";

export type { CaseFn } from "../case/registry.ts";

/** Declares a test case, with optional limits. */
export interface TestFn {
  (name: string, fn: CaseFn): void;
  (name: string, options: CaseOptions, fn: CaseFn): void;
  /** Runs only the cases declared with `test.only` (in every file). */
  only: ((name: string, fn: CaseFn) => void) & ((name: string, options: CaseOptions, fn: CaseFn) => void);
  /** Declares a case that is reported as skipped. */
  skip: ((name: string, fn: CaseFn) => void) & ((name: string, options: CaseOptions, fn: CaseFn) => void);
}

function declare(flags: { only: boolean; skip: boolean }, name: string, a: CaseOptions | CaseFn, b?: CaseFn): void {
  const [options, fn] = typeof a === "function" ? [{}, a] : [a, b];
  if (typeof name !== "string" || name === "") throw new TypeError(`test() needs a name, got ${JSON.stringify(name)}`);
  if (typeof fn !== "function") throw new TypeError(`test("${name}") needs a function as its last argument`);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`test("${name}"): options must be an object like { budget: "48 MiB" }`);
  }
  const reg = registry();
  const full = [...reg.groups, name].join(GROUP_SEPARATOR);
  reg.cases.push({ name: full, options, fn, ...flags, location: callerLocation(new Error().stack, reg.file) });
}

/** Between the names of a case's `describe()` blocks and its own, as every report shows them. */
const GROUP_SEPARATOR = " › ";

/**
 * Declares a case run in its own traced process by `memassert test`.
 *
 * @example
 * ```ts
 * import { test } from "memassert";
 * test("parse 10k rows", { budget: "48 MiB", growth: "8 MiB" }, () => {
 *   JSON.parse(makeRows(10_000));
 * });
 * ```
 */
export const test: TestFn = Object.assign(
  (name: string, a: CaseOptions | CaseFn, b?: CaseFn) => declare({ only: false, skip: false }, name, a, b),
  {
    only: (name: string, a: CaseOptions | CaseFn, b?: CaseFn) => declare({ only: true, skip: false }, name, a, b),
    skip: (name: string, a: CaseOptions | CaseFn, b?: CaseFn) => declare({ only: false, skip: true }, name, a, b),
  },
) as TestFn;

/**
 * Sets limits for every case of the calling file (a case's own options win).
 *
 * @example
 * ```ts
 * import { defaults, test } from "memassert";
 * defaults({ growth: "4 MiB", runs: 3 });
 * ```
 */
export function defaults(options: CaseOptions): void {
  if (options === null || typeof options !== "object") {
    throw new TypeError("defaults() takes an object like { budget: \"48 MiB\" }");
  }
  const reg = registry();
  reg.defaults = { ...reg.defaults, ...options };
  reg.defaultsLocation = callerLocation(new Error().stack, reg.file);
}

/**
 * Groups cases under a name: every `test()` called inside `fn` is named with it first, joined
 * by " › " (blocks nest). `fn` runs at once, while the file loads; it must not be async.
 *
 * @example
 * ```ts
 * import { describe, test } from "memassert";
 * describe("csv", () => {
 *   test("parse 10k rows", { growth: "8 MiB" }, () => parseCsv(rows)); // "csv › parse 10k rows"
 * });
 * ```
 */
export function describe(name: string, fn: () => void): void {
  if (typeof name !== "string" || name === "") throw new TypeError(`describe() needs a name, got ${JSON.stringify(name)}`);
  if (typeof fn !== "function") throw new TypeError(`describe("${name}") needs a function as its last argument`);
  const reg = registry();
  reg.groups.push(name);
  try {
    const returned: unknown = fn();
    if (returned instanceof Promise) {
      throw new TypeError(`describe("${name}"): its function must declare its cases at once, not be async (put the awaiting in the cases)`);
    }
  } finally {
    reg.groups.pop();
  }
}
