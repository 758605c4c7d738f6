/**
 * Compiles a C fixture of test/fixtures with the machine's gcc, once: the binary in
 * .cache/fixtures is reused until its source (or truth.h, which fixtures include) is newer.
 * Only node: modules, so the same file runs under Bun and Deno.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = join(root, "test", "fixtures");
const cache = join(root, ".cache", "fixtures");

/** FNV-1a, 32 bits: enough to give each set of flags its own binary name. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function mtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/**
 * Returns the absolute path of `test/fixtures/<name>.c` compiled with `-O1` and `flags`.
 *
 * @example
 * const prog = compileFixture("malloc_free");
 * const bare = compileFixture("nostdlib", ["-static", "-nostdlib"]);
 */
export function compileFixture(name: string, flags: string[] = []): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new RangeError(`Bad fixture name "${name}": use [a-z0-9_]`);
  const source = join(fixtures, `${name}.c`);
  if (!existsSync(source)) throw new Error(`No fixture ${source}`);
  const out = join(cache, flags.length ? `${name}-${hash(flags.join("\0"))}` : name);
  const newest = Math.max(mtime(source), mtime(join(fixtures, "truth.h")));
  if (mtime(out) >= newest) return out;
  mkdirSync(cache, { recursive: true });
  // Several test files may compile the same fixture at once: build under a private
  // name and rename, which replaces atomically.
  const tmp = `${out}.tmp-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  try {
    execFileSync("gcc", ["-O1", "-g", "-Wall", "-Werror", "-o", tmp, source, ...flags], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return out;
}
