/**
 * `memassert test`: a case that allocates without bound under `{ budget: "64 MiB" }` is
 * killed once it passes the default kill-above of 4× its budget (256 MiB), and reported
 * failed with a message saying so and what RSS it had reached: at once, not at its 30 s timeout. The run exits 1 and
 * leaves none of the case's processes behind.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCliLeavingNothing } from "./helpers/procs.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/runaway/runaway.mem.ts";

test("a runaway case is killed at 4× its budget, promptly, exit 1, no process left", () => {
  const { run: r, ms } = runCliLeavingNothing("runaway.mem.ts", ["test", FIXTURE, "--reporter", "json"], 1, { timeoutMs: 40_000 });
  const report = JSON.parse(r.stdout) as TestReport;
  assert.is(report.results.length, 1, r.stdout);
  const [c] = report.results;
  assert.is(c.status, "failed");
  assert.is(c.budget, 64 * MiB);
  const killed = /^killed at (\d+\.\d) MiB of RSS: its memory passed 256\.0 MiB\b/.exec(c.failure ?? "");
  assert.ok(killed, c.failure ?? "");
  // What it had reached: past the limit, by less than the 2 GiB it would have gone on to.
  assert.ok(Number(killed[1]) > 256 && Number(killed[1]) < 1024, `it had reached ${killed[1]} MiB`);
  assert.not.match(c.failure ?? "", /never killed|timed out/);
  assert.ok(ms < 10_000, `the run took ${Math.round(ms)} ms; the case's timeout is 30 s`);
  assert.ok(c.wallMs < 5_000, `the case ran ${c.wallMs} ms before it was killed`);
});

test.run();
