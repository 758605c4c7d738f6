/** Where a case or a limit is declared, read from a stack trace. */

/**
 * `file:line` of the first frame of `stack` that is inside `file` (the test file being
 * loaded): where a `test()` or `defaults()` call stands. `file` itself when no frame is.
 *
 * @example
 * ```ts
 * callerLocation("Error\n    at declare (/x/runner/testing/api.ts:20:3)\n    at /p/a.mem.ts:4:1", "/p/a.mem.ts");
 * // "/p/a.mem.ts:4"
 * ```
 */
export function callerLocation(stack: string | undefined, file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  for (const line of (stack ?? "").split("\n")) {
    if (!base || !line.includes(base)) continue;
    const m = /(?:file:\/\/)?(\/[^\s()]*?):(\d+):(\d+)/.exec(line);
    if (m) return `${m[1]}:${m[2]}`;
  }
  return file;
}
