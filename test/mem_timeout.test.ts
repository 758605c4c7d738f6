/**
 * `memassert test`: a case that never ends, whether it spins without yielding or waits on a
 * promise that never settles, fails once its `{ timeout: 500 }` is up, with a message saying
 * it timed out; the run exits 1 and leaves none of the case's processes behind.
 */
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const FIXTURE = "test/fixtures/mem/timeout/forever.mem.ts";

/** Pids (other than this one) whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    if (cmdline.includes(text)) found.push(`${pid}: ${cmdline.split("\0").join(" ")}`);
  }
  return found;
}

test("a case that never ends times out, exit 1, no process left", () => {
  assert.equal(processesMentioning("forever.mem.ts"), [], "a process of an earlier run is still there");
  const t0 = performance.now();
  const r = runCli(["test", FIXTURE, "-j", "2", "--reporter", "json"], { timeoutMs: 20_000 });
  const ms = performance.now() - t0;
  assert.is(r.status, 1, r.stderr + r.stdout);
  assert.equal(processesMentioning("forever.mem.ts"), []);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.results.map((c) => c.name).sort(), ["spins forever", "waits forever"]);
  for (const c of report.results) {
    assert.is(c.status, "failed", c.name);
    assert.match(c.failure ?? "", /^timed out after 500 ms\b/, c.name);
    assert.equal(c.runs, [], `${c.name}: a run that timed out has no measure`);
  }
  assert.is(report.failed, 2);
  // Both ran at once and were stopped at 500 ms: far less than the 30 s default.
  assert.ok(ms < 10_000, `the run took ${Math.round(ms)} ms`);
});

test.run();
