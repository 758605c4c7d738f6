/** Finds the program to run the way a shell does, so failures are ours to explain. */
import { kindOf, mayAccess, nodeFs } from "../trace/files.ts";
import { MeasureError } from "./errors.ts";

/** Resolves `command` through PATH (unless it has a slash); throws MeasureError ENOENT/EACCES. */
export function resolveCommand(command: string, path: string | undefined, cwd: string): string {
  if (command === "") throw new MeasureError("ENOENT", "command not found: an empty string was given as the command");
  if (command.includes("/")) {
    const full = absolute(cwd, command);
    check(full, command, true);
    return full;
  }
  let denied: string | null = null;
  for (const dir of (path ?? "/usr/local/bin:/usr/bin:/bin").split(":")) {
    const full = absolute(cwd, `${dir === "" ? "." : dir}/${command}`);
    if (kindOf(full) !== "other") continue;
    if (mayAccess(full, "x")) return full;
    denied ??= full;
  }
  if (denied) throw new MeasureError("EACCES", `not executable: ${denied} (fix: chmod +x ${denied})`);
  throw new MeasureError("ENOENT", `command not found: ${command} (searched PATH)`);
}

/**
 * `path` made absolute against `cwd` and normalised (no `.`, `..` or repeated slashes), as
 * node:path's `resolve` does, without loading node:path.
 *
 * @example
 * ```ts
 * absolute("/home/me", "../bin//tool"); // "/home/bin/tool"
 * ```
 */
export function absolute(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith("/") ? path : `${cwd}/${path}`).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function check(full: string, given: string, explicit: boolean): void {
  const kind = kindOf(full);
  if (kind === null) throw new MeasureError("ENOENT", `command not found: ${given} (no such file)`);
  if (kind === "directory") throw new MeasureError("EACCES", `not executable: ${given} is a directory`);
  if (!mayAccess(full, "x")) throw new MeasureError("EACCES", `not executable: ${given} (fix: chmod +x ${explicit ? given : full})`);
}

/** The interpreter a script's `#!` line names (with its arguments), or null for no such line. */
export function interpreterOf(path: string): string | null {
  const { closeSync, openSync, readSync } = nodeFs();
  const head = new Uint8Array(256);
  let n = 0;
  try {
    const fd = openSync(path, "r");
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const line = new TextDecoder().decode(head.subarray(0, n)).split("\n")[0];
  return line.startsWith("#!") ? line.slice(2).trim() : null;
}
