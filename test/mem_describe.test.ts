/**
 * `describe(name, fn)` groups the cases declared in `fn`: their names are the blocks' names
 * and their own joined by " › " (blocks nest), in every report, and each still runs alone
 * and finds its own body.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

test("cases inside describe() are named after their blocks", () => {
  const r = runCli(["test", "test/fixtures/mem/describe/groups.mem.ts", "-j", "2", "--reporter", "json"]);
  assert.is(r.status, 0, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.results.map((c) => c.name).sort(), ["csv › index › by id", "csv › parse", "outside"]);
  assert.ok(report.results.every((c) => c.status === "passed" && c.runs.length === 1), r.stdout);
});

test("-t matches the joined name", () => {
  const r = runCli(["test", "test/fixtures/mem/describe/groups.mem.ts", "-t", "^csv › index", "--reporter", "json"]);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.equal((JSON.parse(r.stdout) as TestReport).results.map((c) => c.name), ["csv › index › by id"]);
});

test.run();
