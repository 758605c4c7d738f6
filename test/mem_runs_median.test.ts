/**
 * `memassert test --runs 3`: each case runs 3 times, each in a new process, and is judged
 * on the median of its runs. The fixture keeps 8, 48, then 16 MiB on its three runs: the
 * median (16) passes a 20 MiB growth limit that the mean (24) and the largest run would
 * fail, and fails a 12 MiB limit that the smallest run would pass.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CaseResult, TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/runs/uneven.mem.ts";

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Asserts the case's runs kept about 8, 48 and 16 MiB, in that order. */
function assertRuns(c: CaseResult): void {
  assert.is(c.runs.length, 3, `${c.name}: ${c.runs.length} runs`);
  c.runs.forEach((run, i) => {
    const kept = [8, 48, 16][i] * MiB;
    // Growth is the peak less the RSS at the start: memory the runtime gives back while the
    // case runs, before its buffer is written (its collector goes on returning pages after
    // the full GC), is taken off it: up to ~400 KiB was seen.
    assert.ok(run.growth >= kept - 1 * MiB && run.growth < kept + 6 * MiB, `${c.name}: run ${i + 1} grew ${run.growth} B, kept ${kept} B`);
  });
  assert.is(c.growth, median(c.runs.map((r) => r.growth)), `${c.name}: growth is not the median of its runs`);
  assert.is(c.peak, median(c.runs.map((r) => r.peak)), `${c.name}: peak is not the median of its runs`);
}

test("--runs 3 runs each case 3 times and judges the median", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-runs-"));
  try {
    const r = runCli(["test", FIXTURE, "--runs", "3", "-j", "2", "--reporter", "json"], {
      env: { MEMASSERT_FIXTURE_DIR: dir },
    });
    assert.is(r.status, 1, r.stderr + r.stdout);
    // Each case counted its own runs: three processes each, and one more for the case that
    // failed, run again to count its heap's objects by type (not judged).
    assert.is(readFileSync(join(dir, "under"), "utf8"), "3");
    assert.is(readFileSync(join(dir, "over"), "utf8"), "4");
    const report = JSON.parse(r.stdout) as TestReport;
    const byName = new Map(report.results.map((c) => [c.name, c]));

    const under = byName.get("median under its limit")!;
    assert.ok(under, r.stdout);
    assertRuns(under);
    assert.is(under.status, "passed", under.failure ?? "");

    const over = byName.get("median over its limit")!;
    assert.ok(over, r.stdout);
    assertRuns(over);
    assert.is(over.status, "failed");
    assert.match(over.failure ?? "", /^growth \d+\.\d MiB \(median of 3 runs\) is over its limit of 12\.0 MiB by /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
