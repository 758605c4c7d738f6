/** Where a case or a limit is declared, read from a stack trace. */

/**
 * The path and line of one stack frame: `at NAME (WHERE)` or `at WHERE`, WHERE being
 * `PATH:LINE:COLUMN` with PATH a path or a `file://` URL. Paths may hold spaces and
 * parentheses, so WHERE is found by where a path starts, not by splitting on them.
 */
function frame(line: string): { path: string; line: string } | null {
  const at = /^\s*at (.*):(\d+):\d+\)?$/.exec(line);
  if (at === null) return null;
  const text = at[1];
  const start = /(?:^|\s\(|\s)(?=file:\/\/|\/)/.exec(text);
  if (start === null) return null;
  let path = text.slice(start.index + start[0].length);
  if (path.startsWith("file://")) {
    path = path.slice("file://".length);
    try {
      path = decodeURIComponent(path);
    } catch {
      // A "%" that starts no escape: the path was not encoded.
    }
  }
  return { path, line: at[2] };
}

/**
 * `file:line` of the first frame of `stack` that is inside `file` (the test file being
 * loaded): where a `test()` or `defaults()` call stands. Failing an exact match of the
 * path (a symbolic link the runtime resolved), the first frame of a file with the same
 * name. `file` itself when no frame is.
 *
 * @example
 * ```ts
 * callerLocation("Error\n    at declare (/x/runner/testing/api.ts:20:3)\n    at /p/a.mem.ts:4:1", "/p/a.mem.ts");
 * // "/p/a.mem.ts:4"
 * ```
 */
export function callerLocation(stack: string | undefined, file: string): string {
  const frames = (stack ?? "").split("\n").map(frame).filter((f) => f !== null);
  const exact = frames.find((f) => f.path === file);
  if (exact) return `${file}:${exact.line}`;
  const base = file.slice(file.lastIndexOf("/"));
  const same = base.length > 1 ? frames.find((f) => f.path.endsWith(base)) : undefined;
  return same ? `${same.path}:${same.line}` : file;
}
