/**
 * `memassert test examples/`: the example project. It exits 1 because exactly one case,
 * the one in over-budget.fails.mem.ts, fails on purpose; its failure gives the figure,
 * the limit, by how much, and the file:line where the limit is set. Every other case,
 * the one that budgets a command with measure() included, passes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const EXAMPLES = join(ROOT, "examples");
const FAILS = join(EXAMPLES, "over-budget.fails.mem.ts");

/** The 1-based line of `file` holding `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${file} no longer holds ${text}`);
  return index + 1;
}

/** How many cases the example files declare. */
function declaredCases(): number {
  return readdirSync(EXAMPLES)
    .filter((f) => /\.mem\.ts$/.test(f))
    .reduce((n, f) => n + (readFileSync(join(EXAMPLES, f), "utf8").match(/^test\(/gm)?.length ?? 0), 0);
}

test("examples/: exactly the on-purpose case fails, saying by how much and where its limit is", () => {
  const r = runCli(["test", "examples/", "-j", "2", "--reporter", "json"]);
  assert.is(r.status, 1, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.fileErrors, []);
  assert.is(report.results.length, declaredCases(), r.stdout);

  const failed = report.results.filter((c) => c.status !== "passed");
  // Paths in the report are relative to its root, where memassert ran.
  assert.equal(failed.map((c) => c.file), ["examples/over-budget.fails.mem.ts"], r.stdout);
  assert.is(report.failed, 1);
  assert.is(report.passed, report.results.length - 1);
  assert.is(report.skipped, 0);

  const [c] = failed;
  assert.is(c.status, "failed");
  const limitAt = `examples/over-budget.fails.mem.ts:${lineOf(FAILS, `growth: "4 MiB"`)}`;
  assert.is(c.location, limitAt);
  const failure = c.failure ?? "";
  assert.match(
    failure,
    /^growth \d+\.\d MiB is over its limit of 4\.0 MiB by \d+\.\d MiB \(\d+\.\d× the limit\); the limit is set in /,
  );
  assert.ok(failure.endsWith(` at ${limitAt}`), `the failure does not end with "at ${limitAt}": ${failure}`);
  assert.ok(c.growth! > c.growthBudget!, `growth ${c.growth} is not over ${c.growthBudget}`);

  const command = report.results.find((x) => x.file === "examples/command.mem.ts");
  assert.ok(command, "no result for examples/command.mem.ts");
  assert.is(command.name, "sort a million lines");
  assert.is(command.status, "passed", command.failure ?? "");
  // The case ran sort: its process tree, sort included, peaked above the case's own process.
  assert.ok(command.treePeak! > command.peak!, `treePeak ${command.treePeak} ≤ peak ${command.peak}`);
});

test.run();
