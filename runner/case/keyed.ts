/**
 * In a case's process started by a plugin: finds, among the declarations the test file makes
 * as it loads again, the one case the request names, by its key (runner/case/key.ts). It lives
 * on globalThis, so that a test file reaching the plugin through another copy (the package
 * beside the sources) still finds it.
 */
import { type CaseKey, keyText, siteText } from "./key.ts";
import type { CaseRequest } from "./request.ts";

/** A case body; may be async. */
export type KeyedFn = () => unknown | Promise<unknown>;

/** What a plugin keeps of the declaration it found. */
export interface Found {
  fn: KeyedFn;
  /** Anything else the plugin needs to run it (hooks, a suite). */
  extra?: Record<string, unknown>;
}

/** The one case a case's process runs: its request, and the declarations that matched it. */
export interface Lookup {
  request: CaseRequest;
  found: Found[];
  /** The sites of the declarations that matched, in order. */
  sites: string[];
}

const KEY = Symbol.for("memassert.case.lookup");
type Holder = { [KEY]?: Lookup };

/** Starts looking for the case `request` names; the plugins then {@link offer} each declaration. */
export function startLookup(request: CaseRequest): Lookup {
  return ((globalThis as Holder)[KEY] = { request, found: [], sites: [] });
}

/** The lookup of this process, or null when it runs no case for a plugin. */
export function currentLookup(): Lookup | null {
  return (globalThis as Holder)[KEY] ?? null;
}

/** Offers a declaration; true when it is the case being looked for. */
export function offer(key: CaseKey, found: Found): boolean {
  const l = currentLookup();
  if (l === null) return false;
  const r = l.request;
  if (key.file !== r.file || key.site !== (r.site ?? "") || key.name !== r.name) return false;
  l.found.push(found);
  l.sites.push(key.site);
  return true;
}

/** The case found, or why there is none to run: not declared again, or declared twice. */
export function outcome(l: Lookup): Found | { error: string } {
  const key: CaseKey = { file: l.request.file, site: l.request.site ?? "", name: l.request.name };
  if (l.found.length === 1) return l.found[0];
  if (l.found.length === 0) {
    return {
      error: `memtest ${keyText(key)} was not declared again when its file was loaded in the case's process: ` +
        "declare it at the module's top level (or in a describe/suite), with a name that does not change between runs",
    };
  }
  const at = l.sites.map((s) => siteText(key.file, s)).join(" and at ");
  return {
    error: `ambiguous memtest "${key.name}": declared ${l.found.length} times with the same name at the same place, at ${at}; ` +
      "give each a name of its own (put the loop variable or table row in the name)",
  };
}
