/**
 * `memassert test` judges a case on both its limits: its peak against `budget` and its
 * growth against `growth`, each failing on its own. An empty case has the runtime's 30-50
 * MiB as its peak, so a 20 MiB budget fails it even though its growth is nothing; a case
 * keeping 16 MiB fails an 8 MiB growth limit under a budget of 1 GiB. (That a figure
 * exactly at its limit passes is pinned by test/judge_median.test.ts: a real peak cannot
 * be set to the byte.)
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CaseResult, TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
let run: { status: number | null; stdout: string; stderr: string; report: TestReport } | null = null;

/** The one run of the fixture the tests below look at, made by the first of them. */
function ran() {
  if (run === null) {
    const r = runCli(["test", "test/fixtures/mem/limits/limits.mem.ts", "--reporter", "json"]);
    run = { ...r, report: JSON.parse(r.stdout) as TestReport };
  }
  return run;
}

const byName = (name: string): CaseResult => {
  const c = ran().report.results.find((x) => x.name === name);
  assert.ok(c, `no case "${name}" in ${ran().stdout}`);
  return c!;
};

test("the run fails, with two of its four cases", () => {
  const { status, stderr, stdout, report } = ran();
  assert.is(status, 1, stderr + stdout);
  assert.equal(report.fileErrors, []);
  assert.equal([report.passed, report.failed], [2, 2]);
});

test("a peak over its budget fails, on the peak alone, though its growth is within its limit", () => {
  const c = byName("peak over its budget, growth within its limit");
  assert.is(c.status, "failed");
  assert.ok(c.peak! > 20 * MiB && c.growth! < 64 * MiB, `peak ${c.peak}, growth ${c.growth}`);
  assert.match(c.failure ?? "", /^peak \d+\.\d MiB is over its limit of 20\.0 MiB by \d+\.\d MiB \((\+\d+\.\d %|\d+\.\d× the limit)\); the limit is set in test\("peak over its budget/);
  assert.not.match(c.failure ?? "", /\n/);
  assert.ok(c.headroom! < 0);
});

test("a growth over its limit fails, on growth alone, though its peak is within its budget", () => {
  const c = byName("growth over its limit, peak within its budget");
  assert.is(c.status, "failed");
  assert.ok(c.growth! >= 15 * MiB && c.peak! < 1024 * MiB, `peak ${c.peak}, growth ${c.growth}`);
  assert.match(c.failure ?? "", /^growth 1\d\.\d MiB is over its limit of 8\.0 MiB by \d+\.\d MiB/);
  assert.not.match(c.failure ?? "", /\n/);
});

test("cases within their budget or growth limit pass", () => {
  for (const name of ["peak within its budget", "growth within its limit"]) {
    const c = byName(name);
    assert.is(c.status, "passed", c.failure ?? "");
    // Kept 16 MiB; the runtime may have given back a few hundred KiB before (see mem_runs_median).
    assert.ok(c.growth! >= 15 * MiB, `${name}: growth ${c.growth}`);
  }
});

test.run();
