/** Finds the program to run the way a shell does, so failures are ours to explain. */
import { accessSync, closeSync, constants, openSync, readSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { MeasureError } from "./errors.ts";

/** Resolves `command` through PATH (unless it has a slash); throws MeasureError ENOENT/EACCES. */
export function resolveCommand(command: string, path: string | undefined, cwd: string): string {
  if (command === "") throw new MeasureError("ENOENT", "command not found: an empty string was given as the command");
  if (command.includes("/")) {
    const full = isAbsolute(command) ? command : resolve(cwd, command);
    check(full, command, true);
    return full;
  }
  let denied: string | null = null;
  for (const dir of (path ?? "/usr/local/bin:/usr/bin:/bin").split(delimiter)) {
    const full = join(dir === "" ? "." : isAbsolute(dir) ? dir : resolve(cwd, dir), command);
    if (!isFile(full)) continue;
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      denied ??= full;
    }
  }
  if (denied) throw new MeasureError("EACCES", `not executable: ${denied} (fix: chmod +x ${denied})`);
  throw new MeasureError("ENOENT", `command not found: ${command} (searched PATH)`);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function check(full: string, given: string, explicit: boolean): void {
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    throw new MeasureError("ENOENT", `command not found: ${given} (no such file)`);
  }
  if (isDir) throw new MeasureError("EACCES", `not executable: ${given} is a directory`);
  try {
    accessSync(full, constants.X_OK);
  } catch {
    throw new MeasureError("EACCES", `not executable: ${given} (fix: chmod +x ${explicit ? given : full})`);
  }
}

/** The interpreter a script's `#!` line names (with its arguments), or null for no such line. */
export function interpreterOf(path: string): string | null {
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
