/**
 * Where `test()` calls land while a file loads. It lives on globalThis so that
 * a test file importing memassert from another copy (the package in
 * node_modules while the compiled executable runs it) still reaches it.
 */
import type { CaseOptions } from "../budget/types.ts";

/** A case body; may be async. */
export type CaseFn = () => unknown | Promise<unknown>;

export interface Registered {
  name: string;
  options: CaseOptions;
  fn: CaseFn;
  only: boolean;
  skip: boolean;
  location: string;
}

export interface Registry {
  /** The file being loaded, to find `test()` calls' lines in stacks. */
  file: string;
  cases: Registered[];
  defaults: CaseOptions;
  defaultsLocation: string | null;
  /** The names of the `describe()` blocks being declared, outermost first. */
  groups: string[];
}

const KEY = Symbol.for("memassert.registry");
type Holder = { [KEY]?: Registry };

/** The registry of the file being loaded. */
export function registry(): Registry {
  return ((globalThis as Holder)[KEY] ??= fresh(""));
}

/** Starts collecting the cases of `file`. */
export function resetRegistry(file: string): Registry {
  return ((globalThis as Holder)[KEY] = fresh(file));
}

function fresh(file: string): Registry {
  return { file, cases: [], defaults: {}, defaultsLocation: null, groups: [] };
}
