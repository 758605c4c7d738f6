/**
 * Case ids, the keys of a baseline: `relative/path/from/the/project/root › case name`, the
 * names of enclosing describe blocks or suites joined in with ` › ` by the plugins. The same
 * case has the same id on every machine and checkout.
 */
import { isAbsolute, relative, sep } from "node:path";

/** What joins a file and the names under it. */
export const ID_SEPARATOR = " › ";

/**
 * The id of case `name` of `file` (absolute, or already relative to `root`).
 *
 * @example
 * ```ts
 * caseId("/repo/examples/parse.mem.ts", "parse 10k rows of CSV", "/repo"); // "examples/parse.mem.ts › parse 10k rows of CSV"
 * ```
 */
export function caseId(file: string, name: string, root: string): string {
  return `${relativeFile(file, root)}${ID_SEPARATOR}${name}`;
}

/** `file` relative to `root`, with forward slashes. */
export function relativeFile(file: string, root: string): string {
  const rel = isAbsolute(file) ? relative(root, file) : file;
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/** The file part of an id: what comes before the first separator (all of it for a command's name). */
export function fileOfId(id: string): string {
  const i = id.indexOf(ID_SEPARATOR);
  return i < 0 ? id : id.slice(0, i);
}
