/**
 * Which baseline entries a run speaks for. A case in the baseline that the run looked for but
 * did not find was removed; one outside what the run looked at (another folder, another test
 * runner's file, a file that failed to load) is kept as it is.
 */
import { resolve } from "node:path";
import { globRegExp, TEST_FILE_PATTERN } from "../testing/discover.ts";
import { relativeFile } from "./ids.ts";

/**
 * Whether a test file (relative to `root`) is among those `paths` (as given to `memassert
 * test`: files, folders or globs; none for the current folder) select.
 *
 * @example
 * ```ts
 * pathsScope(["examples/"], "/repo")("examples/old.mem.ts"); // true
 * ```
 */
export function pathsScope(paths: string[], root: string): (file: string) => boolean {
  const tests = (paths.length ? paths : ["."]).map((p) => {
    if (/[*?[]/.test(p)) {
      const re = globRegExp(p.replace(/^\.\//, ""));
      return (f: string) => re.test(f);
    }
    const rel = relativeFile(resolve(root, p), root);
    if (rel === "") return (f: string) => TEST_FILE_PATTERN.test(f);
    return (f: string) => f === rel || (f.startsWith(`${rel}/`) && TEST_FILE_PATTERN.test(f));
  });
  return (file) => tests.some((t) => t(file));
}
