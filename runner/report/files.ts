/**
 * Writing results, reports and baselines to files. A file is replaced whole or not at all:
 * the text goes to a temporary file in the same folder, is flushed to disk, then renamed over
 * the target, so an interrupted or killed run never leaves half a file and never loses the
 * previous one. Where a file will go is checked before anything runs, so that a typo in a
 * path does not cost a whole run's results.
 */
import { accessSync, closeSync, constants, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** A place a result cannot be written to; the message names the option, the path and the fix. */
export class OutputPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputPathError";
  }
}

function kind(path: string): "missing" | "file" | "directory" | "other" {
  try {
    const s = statSync(path);
    return s.isFile() ? "file" : s.isDirectory() ? "directory" : "other";
  } catch {
    return "missing";
  }
}

/**
 * Throws {@link OutputPathError} unless `path` (given with `option`) can be written: its
 * folder exists and is writable, and it is not a folder. A device or a pipe (`/dev/stdout`)
 * must be writable; it is written in place rather than replaced.
 */
export function checkWritable(option: string, path: string): void {
  const full = resolve(path);
  const dir = dirname(full);
  const what = kind(full);
  if (what === "directory") throw new OutputPathError(`${option} "${path}": is a directory (give a file name inside it)`);
  if (what === "other") {
    try {
      accessSync(full, constants.W_OK);
    } catch {
      throw new OutputPathError(`${option} "${path}": cannot be written (check its permissions)`);
    }
    const rdev = statSync(full).rdev;
    // /dev/full (character device 1:7) takes nothing: every write fails with ENOSPC.
    if (((rdev >> 8) & 0xfff) === 1 && ((rdev & 0xff) | ((rdev >> 12) & 0xfff00)) === 7) {
      throw new OutputPathError(`${option} "${path}": the device is always full (give a file)`);
    }
    return;
  }
  if (kind(dir) !== "directory") throw new OutputPathError(`${option} "${path}": directory ${dir} does not exist (create it first)`);
  // Create and remove the temporary file a write will use: the one test that covers read-only
  // mounts, /proc and permissions alike.
  const tmp = temporaryName(full);
  try {
    closeSync(openSync(tmp, "wx", 0o666));
    unlinkSync(tmp);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "error";
    throw new OutputPathError(`${option} "${path}": cannot create files in ${dir} (${code}; choose another folder)`);
  }
}

/** A name for the temporary file beside `full`, unique to this process. */
function temporaryName(full: string): string {
  return join(dirname(full), `.${basename(full)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/**
 * Replaces `path` with `text` atomically (temporary file, fsync, rename). A device or pipe
 * (`/dev/stdout`) is written in place. Throws the file system's error when it fails; the
 * previous file is then left as it was. Temporary files of earlier writers of `path` that
 * were killed (their process is gone) are removed.
 */
export function writeFileAtomic(path: string, text: string): void {
  const full = resolve(path);
  const bytes = new TextEncoder().encode(text);
  if (kind(full) === "other") return writeAll(openSync(full, "w"), bytes, true);
  removeLeftovers(full);
  const tmp = temporaryName(full);
  const fd = openSync(tmp, "wx", 0o666);
  try {
    writeAll(fd, bytes, false);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, full);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never created or already renamed
    }
    throw error;
  }
}

/** Deletes the temporary files beside `full` that a killed writer left (its pid is gone). */
function removeLeftovers(full: string): void {
  const prefix = `.${basename(full)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(full));
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.[a-z0-9]*\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (m === null || alive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dirname(full), name));
    } catch {
      // another writer cleaned it first
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

function writeAll(fd: number, bytes: Uint8Array, close: boolean): void {
  try {
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  } finally {
    if (close) closeSync(fd);
  }
}
