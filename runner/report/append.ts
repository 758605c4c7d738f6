/**
 * Appending results to a results file shared by concurrent processes (`bun test --parallel`
 * workers, several `deno test` files): each result is one line of JSON (a whole
 * `memassert test --reporter json` document), written with a single `write` on an O_APPEND
 * descriptor while holding a lock file, so lines never interleave and none is lost.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { formatJson } from "./json.ts";
import type { CaseResult, TestReport } from "../testing/types.ts";

/** The environment variable naming the file the plugins append their results to. */
export const REPORT_ENV = "MEMASSERT_REPORT";

const WAIT_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** One result as a line of the results file: a test-report document of its own. */
export function resultLine(result: CaseResult): string {
  const report: TestReport = {
    results: [result], found: 1, fileErrors: [], untraceable: null,
    passed: result.status === "passed" ? 1 : 0,
    failed: result.status === "failed" ? 1 : 0,
    skipped: result.status === "skipped" ? 1 : 0,
    wallMs: result.wallMs,
  };
  return JSON.stringify(JSON.parse(formatJson(report))) + "\n";
}

/**
 * Appends `line` to `path` under the lock `path.lock`; a lock left by a process that died is
 * taken over. Throws when the lock stays held for 30 s, or the file cannot be written.
 */
export function appendLocked(path: string, line: string): void {
  const lock = `${path}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, "wx", 0o644);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      if (holderDied(lock)) continue;
      if (Date.now() > deadline) throw new Error(`cannot append to ${path}: ${lock} has been held for ${WAIT_MS / 1000} s (remove it if no test run is writing)`);
      Atomics.wait(sleeper, 0, 0, 2);
    }
  }
  try {
    const fd = openSync(path, "a", 0o644);
    try {
      const bytes = new TextEncoder().encode(line);
      const n = writeSync(fd, bytes);
      if (n !== bytes.length) throw new Error(`cannot append to ${path}: only ${n} of ${bytes.length} bytes were written`);
    } finally {
      closeSync(fd);
    }
  } finally {
    unlinkSync(lock);
  }
}

/** Removes a lock whose holder is gone; true when it did. */
function holderDied(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, "utf8"));
  } catch {
    return true; // removed meanwhile
  }
  // An empty lock is one being written right now.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== "ESRCH") return false;
  }
  try {
    unlinkSync(lock);
  } catch {
    // Another process took it over first.
  }
  return true;
}
