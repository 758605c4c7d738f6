/**
 * `memassert test` choosing cases: when any case is declared with `test.only`, only those
 * run (in every file); a `test.skip` case is reported skipped and not run; `-t PATTERN` runs
 * only the cases whose name matches.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const FIXTURES = join(ROOT, "test/fixtures/mem");

function run(args: string[]): TestReport {
  const r = runCli(["test", ...args, "-j", "2", "--reporter", "json"]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as TestReport;
}

/** [file name, case name, status] of each result, sorted. */
function outcomes(report: TestReport): string[][] {
  return report.results.map((c) => [c.file.slice(c.file.lastIndexOf("/") + 1), c.name, c.status]).sort();
}

test("test.only: only the cases declared with it run, in every file", () => {
  const report = run([join(FIXTURES, "only")]);
  assert.equal(outcomes(report), [
    ["a.mem.ts", "chosen in a", "passed"],
    ["b.mem.ts", "chosen in b", "passed"],
  ]);
  assert.is(report.passed, 2);
});

test("test.skip: the case is reported skipped, not run", () => {
  const report = run([join(FIXTURES, "skip")]);
  assert.equal(outcomes(report), [
    ["skip.mem.ts", "runs", "passed"],
    ["skip.mem.ts", "skipped", "skipped"],
  ]);
  const skipped = report.results.find((c) => c.name === "skipped")!;
  assert.equal(skipped.runs, [], "a skipped case has no run");
  assert.is(skipped.peak, null);
  assert.is(report.skipped, 1);
  assert.is(report.passed, 1);
  assert.is(report.failed, 0);
});

test("-t PATTERN: only matching cases run", () => {
  const report = run([join(FIXTURES, "filter"), "-t", "^alpha"]);
  assert.equal(outcomes(report), [
    ["filter.mem.ts", "alpha one", "passed"],
    ["filter.mem.ts", "alpha two", "passed"],
  ]);
  const long = run([join(FIXTURES, "filter"), "--filter", "two$"]);
  assert.equal(outcomes(long), [["filter.mem.ts", "alpha two", "passed"]]);
});

test.run();
