/**
 * `memassert test --budget SIZE --growth SIZE` limit every case from the command line: a
 * case that keeps 8 MiB fails `--growth 1MiB` and `--budget 1MiB`, saying the limit is set on
 * the command line; a case's own limits win over them, and they win over the config.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/cli_limits/keeps.mem.ts";

function run(args: string[], cwd = ROOT): { status: number | null; report: TestReport; out: string } {
  const r = runCli(["test", ...args, "-j", "2", "--reporter", "json"], { cwd });
  return { status: r.status, report: JSON.parse(r.stdout) as TestReport, out: r.stderr + r.stdout };
}

function byName(report: TestReport) {
  return Object.fromEntries(report.results.map((c) => [c.name, c]));
}

test("--growth 1MiB fails the case without a limit of its own, not the one with", () => {
  const r = run([FIXTURE, "--growth", "1MiB"]);
  assert.is(r.status, 1, r.out);
  const c = byName(r.report);
  assert.is(c["keeps 8 MiB"].status, "failed", r.out);
  assert.is(c["keeps 8 MiB"].growthBudget, 1 * MiB);
  assert.match(c["keeps 8 MiB"].failure ?? "", /^growth \d+\.\d MiB is over its limit of 1\.0 MiB by .*; the limit is set in the command line$/);
  assert.is(c["keeps 8 MiB under its own 64 MiB limits"].status, "passed", r.out);
  assert.is(c["keeps 8 MiB under its own 64 MiB limits"].growthBudget, 64 * MiB);
});

test("--budget 16MiB limits the peak", () => {
  const r = run([FIXTURE, "--budget", "16MiB"]);
  assert.is(r.status, 1, r.out);
  const c = byName(r.report)["keeps 8 MiB"];
  assert.is(c.budget, 16 * MiB);
  assert.match(c.failure ?? "", /^peak \d+\.\d MiB is over its limit of 16\.0 MiB by /);
  assert.is(byName(r.report)["keeps 8 MiB under its own 64 MiB limits"].budget, 1024 * MiB);
});

test("--growth wins over the config, not over defaults() or the case", () => {
  const r = run(["--growth", "150MiB"], join(ROOT, "test/fixtures/mem/layers"));
  assert.is(r.status, 0, r.out);
  const got = Object.fromEntries(r.report.results.map((c) => [c.name, c.growthBudget! / MiB]));
  assert.equal(got, {
    "the case's own options win": 300,
    "defaults() win over the command line and the config": 100,
    "the command line wins over the config": 150,
  });
});

test("a value that is not a size is a usage error naming the option", () => {
  const r = runCli(["test", FIXTURE, "--growth", "16 mb"]);
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /--growth "16 mb": unknown unit "mb"/);
});

test.run();
