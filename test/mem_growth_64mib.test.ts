/**
 * `memassert test`: a case that keeps a 64 MiB ArrayBuffer alive, every page written,
 * grows by 64 MiB: its growth is within 2 MiB of 64 MiB, and its peak is its baseline
 * plus its growth.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/growth/keep64.mem.ts";

test("a case keeping 64 MiB measures 64 MiB of growth, within 2 MiB", () => {
  const r = runCli(["test", FIXTURE, "--reporter", "json"]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.fileErrors, []);
  assert.is(report.results.length, 1, r.stdout);
  const [c] = report.results;
  assert.is(c.name, "keep 64 MiB");
  assert.is(c.status, "passed");
  assert.is(c.failure, null);
  assert.is(c.runs.length, 1);
  const growth = c.growth!, peak = c.peak!, baseline = c.baseline!;
  assert.ok(
    Math.abs(growth - 64 * MiB) <= 2 * MiB,
    `growth ${(growth / MiB).toFixed(2)} MiB (${growth} B) is not within 2 MiB of 64 MiB`,
  );
  assert.is(peak, baseline + growth, `peak ${peak} ≠ baseline ${baseline} + growth ${growth}`);
  // The baseline is a whole runtime after loading its file: tens of MiB, not zero.
  assert.ok(baseline > 8 * MiB, `baseline ${baseline} B is implausibly small`);
});

test.run();
