/**
 * What every plugin's `memtest` does when it is called: read its arguments, check its limits
 * (a bad size fails at the call, naming it), and find where it stands in the test file.
 */
import { resolveOptions } from "../../runner/budget/limits.ts";
import type { CaseOptions } from "../../runner/budget/types.ts";
import { framesIn, fullStack, siteIn } from "../../runner/case/key.ts";

/** A case body; may be async. */
export type MemtestFn = () => unknown | Promise<unknown>;

/** A memtest call, read. */
export interface Declaration {
  name: string;
  options: CaseOptions;
  fn: MemtestFn;
}

/** Where a declaration stands: its site in `file`, and `file:line` of its innermost frame there. */
export interface Place {
  file: string;
  site: string;
  location: string;
}

/**
 * Reads `memtest(name, fn)` or `memtest(name, options, fn)`.
 *
 * @throws {TypeError} for a missing name or function, or options that are not an object.
 */
export function readArgs(call: string, args: unknown[]): Declaration {
  const [name, a, b] = args;
  const [options, fn] = typeof a === "function" ? [{}, a] : [a ?? {}, b];
  if (typeof name !== "string" || name === "") throw new TypeError(`${call}() needs a name, got ${JSON.stringify(name)}`);
  if (typeof fn !== "function") throw new TypeError(`${call}("${name}") needs a function as its last argument`);
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${call}("${name}"): options must be an object like { growth: "16 MiB" }, got ${JSON.stringify(options)}`);
  }
  return { name, options: options as CaseOptions, fn: fn as MemtestFn };
}

/** Checks the limits as `memassert test` will resolve them; throws the error that names the bad one. */
export function checkOptions(call: string, d: Declaration, place: Place): void {
  resolveOptions({ name: d.name, location: place.location, options: d.options, call }, []);
}

/** Where the calling code stands in `file`; `skip` is the function the user called. */
export function placeIn(file: string, skip: (...args: never[]) => unknown): Place {
  const stack = fullStack(skip);
  const frames = framesIn(stack, file);
  return { file, site: siteIn(stack, file), location: frames.length ? `${file}:${frames[0].line}` : file };
}

/**
 * Formats a table row into a name, as `test.each` does: `%s` `%d` `%i` `%f` `%j` `%o` `%p`
 * take the row's values in turn, `%#` is the row's index, `%%` a percent sign, and `$key`
 * a property of an object row.
 *
 * @example
 * ```ts
 * formatName("parse %d rows (%#)", [1000], 2); // "parse 1000 rows (2)"
 * formatName("parse $n rows", { n: 5 }, 0);    // "parse 5 rows"
 * ```
 */
export function formatName(format: string, row: unknown, index: number): string {
  const values = Array.isArray(row) ? [...row] : [row];
  let next = 0;
  const named = format.replace(/%([sdifjoOp#%])/g, (_, c: string) => {
    if (c === "%") return "%";
    if (c === "#") return String(index);
    if (next >= values.length) return `%${c}`;
    const v = values[next++];
    if (c === "d" || c === "i") return String(Math.trunc(Number(v)));
    if (c === "f") return String(Number(v));
    if (c === "s") return typeof v === "string" ? v : show(v);
    return show(v);
  });
  if (row === null || typeof row !== "object" || Array.isArray(row)) return named;
  return named.replace(/\$([A-Za-z_][\w.]*)/g, (whole, path: string) => {
    let v: unknown = row;
    for (const part of path.split(".")) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[part];
    return v === undefined ? whole : typeof v === "string" ? v : show(v);
  });
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "function") return `[Function ${v.name || "anonymous"}]`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
