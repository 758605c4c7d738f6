/**
 * `memassert test`: a case that keeps a 64 MiB ArrayBuffer alive, every page written,
 * grows by 64 MiB: its growth is within 2 MiB of 64 MiB. Its baseline and peak agree with
 * the case's own readings of /proc/self/statm, taken as it started and once the 64 MiB
 * were written.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/growth/keep64.mem.ts";

test("a case keeping 64 MiB measures 64 MiB of growth, from the baseline and to the peak it read itself", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-keep64-"));
  try {
    const r = runCli(["test", FIXTURE, "--reporter", "json"], { env: { MEMASSERT_FIXTURE_DIR: dir } });
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
    const own = JSON.parse(readFileSync(join(dir, "readings.json"), "utf8")) as { start: number; full: number };
    // The baseline is read at the start mark, right before the case's first line; the peak is
    // at least what the case saw with its 64 MiB written, and little more (it ends right after).
    assert.ok(Math.abs(baseline - own.start) <= 1 * MiB, `baseline ${baseline} B, the case read ${own.start} B as it started`);
    assert.ok(peak >= own.full && peak - own.full <= 1 * MiB, `peak ${peak} B, the case read ${own.full} B with its 64 MiB written`);
    // The baseline is a whole runtime after loading its file: tens of MiB, not zero.
    assert.ok(baseline > 8 * MiB, `baseline ${baseline} B is implausibly small`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
