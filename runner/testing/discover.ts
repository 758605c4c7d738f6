/**
 * Finds test files. Paths may be files (taken as given), directories
 * (searched for TEST_FILE_PATTERN) or globs (`test/**\/*.mem.ts`).
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/** Files found inside directories: `*.mem.ts`, `*.mem.mts`, `*.mem.js`, `*.mem.mjs` (bun test's `*.test.*` files are left alone). */
export const TEST_FILE_PATTERN = /\.mem\.(ts|mts|js|mjs)$/;
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", ".cache"]);

/** A path that matched nothing; the CLI exits 2 with its message. */
export class MissingPathError extends Error {
  constructor(readonly path: string, isGlob: boolean) {
    super(isGlob ? `no file matches ${path}` : `no such file or directory: ${path}`);
    this.name = "MissingPathError";
  }
}

/** Test files for `paths` (default: the current directory), absolute, sorted, without duplicates. */
export function discover(paths: string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const path of paths.length > 0 ? paths : ["."]) {
    if (/[*?[]/.test(path)) {
      const matches = glob(path, cwd);
      if (matches.length === 0) throw new MissingPathError(path, true);
      matches.forEach((f) => found.add(f));
      continue;
    }
    const full = resolve(cwd, path);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new MissingPathError(path, false);
    }
    if (isDir) walk(full, (f) => TEST_FILE_PATTERN.test(f) && found.add(f));
    else found.add(full);
  }
  return [...found].sort();
}

function walk(dir: string, visit: (file: string) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, visit);
    } else if (entry.isFile()) visit(full);
  }
}

/** Files matching a glob: `**` crosses directories, `*` and `?` do not, `[…]` is a class. */
function glob(pattern: string, cwd: string): string[] {
  const parts = pattern.split("/");
  const firstMagic = parts.findIndex((p) => /[*?[]/.test(p));
  const base = resolve(cwd, parts.slice(0, firstMagic).join("/") || ".");
  const re = globRegExp(parts.slice(firstMagic).join("/"));
  const out: string[] = [];
  try {
    walk(base, (f) => re.test(relative(base, f)) && out.push(f));
  } catch {
    return [];
  }
  return out;
}

/** The regular expression of a glob, matched against a relative path. */
export function globRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i);
      if (end < 0) re += "\\[";
      else {
        re += "[" + glob.slice(i + 1, end).replace(/^!/, "^") + "]";
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
