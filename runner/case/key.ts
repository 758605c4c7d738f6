/**
 * A case's identity across processes, for the plugins: its file, where in that file it is
 * declared, and its name. The case's process loads the file again and finds the declaration
 * with the same key. A counter would not do: `bun test --rerun-each` evaluates a test file
 * again without its helper modules, so a count kept in one drifts between passes.
 */
import { fileURLToPath } from "node:url";

/** What identifies a declared case. */
export interface CaseKey {
  /** Absolute path of the test file. */
  file: string;
  /** The frames of the declaring call inside the file, innermost first: "line:column < line:column". */
  site: string;
  name: string;
}

/** The path, line and column of one stack frame of Bun's or V8's format, or null. */
export function frameOf(line: string): { path: string; line: number; column: number } | null {
  const m = /^\s*at (?:.*?\(|async |)((?:file:\/\/)?\/.*?):(\d+):(\d+)\)?$/.exec(line);
  if (m === null) return null;
  let path = m[1];
  if (path.startsWith("file://")) {
    try {
      path = fileURLToPath(path);
    } catch {
      path = path.slice("file://".length);
    }
  }
  return { path, line: Number(m[2]), column: Number(m[3]) };
}

/**
 * The stack of the calling code, every frame kept: runtimes keep 10 (V8) or 100 (JavaScriptCore)
 * unless told otherwise, and a declaration deep in helpers must still reach its file.
 */
export function fullStack(skip?: (...args: never[]) => unknown): string {
  const E = Error as ErrorConstructor & { stackTraceLimit?: number; captureStackTrace?(o: object, f?: unknown): void };
  const limit = E.stackTraceLimit;
  E.stackTraceLimit = Infinity;
  try {
    const holder: { stack?: string } = {};
    if (E.captureStackTrace) E.captureStackTrace(holder, skip);
    // `skip` is not on the stack when something tail-called it (JavaScriptCore has proper tail
    // calls), and then nothing would be left: take the whole stack instead.
    if (!/\n\s+at /.test(holder.stack ?? "")) holder.stack = new Error().stack;
    return holder.stack ?? "";
  } finally {
    E.stackTraceLimit = limit;
  }
}

/** The frames of `stack` inside `file`, innermost first. */
export function framesIn(stack: string, file: string): { line: number; column: number }[] {
  return stack.split("\n").map(frameOf).filter((f) => f !== null && f.path === file) as { line: number; column: number }[];
}

/** The site of a declaration: its frames inside `file`, or "" when none is (a generated call). */
export function siteIn(stack: string, file: string): string {
  return framesIn(stack, file).map((f) => `${f.line}:${f.column}`).join(" < ");
}

/**
 * The outermost frame of `stack` in a file that is not one of `own` (the plugin's files):
 * the module whose evaluation declared the case, when no runtime names it.
 */
export function outermostFile(stack: string, own: (path: string) => boolean): string | null {
  const paths = stack.split("\n").map(frameOf).filter((f) => f !== null).map((f) => f!.path);
  const user = paths.filter((p) => !own(p) && !p.includes("/node_modules/uvu/"));
  return user.length ? user[user.length - 1] : null;
}

/**
 * Where a site stands, for people: "file:line", and the lines it was called from in the file.
 *
 * @example
 * ```ts
 * siteText("/p/a.test.ts", "3:5 < 12:1"); // "/p/a.test.ts:3 (called from line 12)"
 * ```
 */
export function siteText(file: string, site: string): string {
  const lines = site.split(" < ").filter(Boolean).map((s) => s.split(":")[0]);
  if (lines.length === 0) return file;
  const from = lines.slice(1);
  return `${file}:${lines[0]}${from.length ? ` (called from line ${from.join(", line ")})` : ""}`;
}

/** The text of a key, to say which case is meant. */
export function keyText(key: CaseKey): string {
  return `"${key.name}" at ${siteText(key.file, key.site)}`;
}
