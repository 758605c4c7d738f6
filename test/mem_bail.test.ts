/**
 * `memassert test --bail` starts no case after the first failure: with one case at a time,
 * the two cases after a failing one are reported skipped and the closing lines say why;
 * without it they run and pass.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const FIXTURE = "test/fixtures/mem/bail/bail.mem.ts";

test("--bail: the cases after the first failure are not started", () => {
  const r = runCli(["test", FIXTURE, "-j", "1", "--bail"]);
  assert.is(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /stopped at the first failure \(--bail\): 2 cases not started\n/);
  assert.match(r.stdout, /0 passed, 1 failed, 2 skipped/);
  const json = runCli(["test", FIXTURE, "-j", "1", "--bail", "--reporter", "json"]);
  const report = JSON.parse(json.stdout) as TestReport;
  assert.equal(report.bailed, { notRun: 2 });
  assert.equal(Object.fromEntries(report.results.map((c) => [c.name, c.status])), {
    "keeps 8 MiB over its 1 MiB limit": "failed",
    "would pass": "skipped",
    "would pass too": "skipped",
  });
});

test("without --bail every case runs", () => {
  const r = runCli(["test", FIXTURE, "-j", "1", "--reporter", "json"]);
  assert.is(r.status, 1, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.is(report.passed, 2);
  assert.is(report.failed, 1);
});

test.run();
