/**
 * The processes a test leaves behind: found by a text in their command line.
 */

import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import process from "node:process";
import * as assert from "uvu/assert";
import { type CliOptions, type CliRun, ROOT, runCli } from "./cli.ts";

/**
 * Live processes other than this one whose command line holds `text` and whose working
 * directory is in this checkout (the runs of another checkout of memassert on the same
 * machine are not this test's), as "PID: ARGV", or with `state` as "PID S ARGV", S being
 * the state letter of /proc/PID/stat (T or t when stopped).
 */
export function processesMentioning(text: string, opts: { state?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "latin1");
      if (!cmdline.includes(text)) continue;
      if (!`${readlinkSync(`/proc/${pid}/cwd`)}/`.startsWith(ROOT)) continue;
      const argv = cmdline.split("\0").join(" ");
      if (!opts.state) {
        found.push(`${pid}: ${argv}`);
        continue;
      }
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      found.push(`${pid} ${stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3)} ${argv}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * Runs `memassert ...args` (see {@link runCli}) and asserts that it exits with
 * `status` and that no process whose command line mentions `marker` (the
 * fixture's file name, say) is there before the run or left after it.
 * Returns the run and its wall time.
 */
export function runCliLeavingNothing(marker: string, args: string[], status: number, opts: CliOptions = {}): { run: CliRun; ms: number } {
  assert.equal(processesMentioning(marker), [], "a process of an earlier run is still there");
  const t0 = performance.now();
  const run = runCli(args, opts);
  const ms = performance.now() - t0;
  assert.is(run.status, status, run.stderr + run.stdout);
  assert.equal(processesMentioning(marker), []);
  return { run, ms };
}
