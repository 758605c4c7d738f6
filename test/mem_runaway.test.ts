/**
 * `memassert test`: a case that allocates without bound under `{ budget: "64 MiB" }` is
 * killed once it passes the default kill-above of 4× its budget (256 MiB), and reported
 * failed with a message saying so: at once, not at its 30 s timeout. The run exits 1 and
 * leaves none of the case's processes behind.
 */
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/runaway/runaway.mem.ts";

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

test("a runaway case is killed at 4× its budget, promptly, exit 1, no process left", () => {
  assert.equal(processesMentioning("runaway.mem.ts"), [], "a process of an earlier run is still there");
  const t0 = performance.now();
  const r = runCli(["test", FIXTURE, "--reporter", "json"], { timeoutMs: 40_000 });
  const ms = performance.now() - t0;
  assert.is(r.status, 1, r.stderr + r.stdout);
  assert.equal(processesMentioning("runaway.mem.ts"), []);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.is(report.results.length, 1, r.stdout);
  const [c] = report.results;
  assert.is(c.status, "failed");
  assert.is(c.budget, 64 * MiB);
  assert.match(c.failure ?? "", /^killed: its memory passed 256\.0 MiB\b/);
  assert.not.match(c.failure ?? "", /never killed|timed out/);
  assert.ok(ms < 10_000, `the run took ${Math.round(ms)} ms; the case's timeout is 30 s`);
  assert.ok(c.wallMs < 5_000, `the case ran ${c.wallMs} ms before it was killed`);
});

test.run();
