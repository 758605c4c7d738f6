/**
 * `memassert test`: a case that never ends, whether it spins without yielding or waits on a
 * promise that never settles, fails once its `{ timeout: 500 }` is up, with a message saying
 * it timed out; the run exits 1 and leaves none of the case's processes behind.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCliLeavingNothing } from "./helpers/procs.ts";

const FIXTURE = "test/fixtures/mem/timeout/forever.mem.ts";

test("a case that never ends times out, exit 1, no process left", () => {
  const { run: r, ms } = runCliLeavingNothing("forever.mem.ts", ["test", FIXTURE, "-j", "2", "--reporter", "json"], 1, { timeoutMs: 20_000 });
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
