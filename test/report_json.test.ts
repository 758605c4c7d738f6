import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatJson } from "../runner/report/json.ts";
import { createReporter } from "../runner/report/reporter.ts";
import { loadError, overBudgetCase, passedCase, reportOf, skippedCase, thrownCase } from "./helpers/report_fixtures.ts";

const results = [passedCase(), overBudgetCase(), thrownCase(), skippedCase()];
const report = reportOf(results, [loadError]);

test("the JSON report parses back to the report, with version 1 and sizes in bytes", () => {
  const doc = JSON.parse(formatJson(report));
  assert.equal(Object.keys(doc), ["version", "passed", "failed", "skipped", "wallMs", "fileErrors", "results"]);
  assert.is(doc.version, 1);
  assert.is(doc.passed, 1);
  assert.is(doc.failed, 2);
  assert.is(doc.skipped, 1);
  assert.is(doc.wallMs, 3120);
  assert.equal(doc.fileErrors, [loadError]);
  assert.equal(doc.results, results);
  assert.is(doc.results[0].peak, Math.round(41.2 * 2 ** 20));
  assert.ok(Number.isInteger(doc.results[1].runs[2].peak));
  assert.is(doc.results[2].peak, null);
  // Escape codes and quotes in text survive the round trip unchanged.
  assert.is(doc.results[1].output, results[1].output);
  assert.is(doc.results[2].name, `render <table> & "quotes" 'too'`);
});

test("the JSON report is stable: same key order whatever the input's, no stray fields", () => {
  const shuffled = Object.fromEntries(Object.entries(passedCase()).reverse());
  const extra = { ...passedCase(), debug: "internal" };
  const a = formatJson(reportOf([passedCase()]));
  assert.is(formatJson(reportOf([shuffled as ReturnType<typeof passedCase>])), a);
  assert.is(formatJson(reportOf([extra])), a);
  assert.equal(Object.keys(JSON.parse(a).results[0]), [
    "file", "name", "location", "status", "peak", "growth", "baseline", "treePeak",
    "budget", "growthBudget", "headroom", "runs", "failure", "output", "wallMs",
  ]);
});

test("the json reporter writes the document once, at finish, then a newline", () => {
  const writes: string[] = [];
  const reporter = createReporter("json", { write: (s) => writes.push(s), isTTY: true }, { color: true });
  reporter.start({ files: 3, cases: 4, jobs: 2 });
  for (const r of results) reporter.caseFinished(r);
  reporter.fileError(loadError);
  assert.equal(writes, []);
  reporter.finish(report);
  assert.equal(writes, [`${formatJson(report)}\n`]);
  assert.not.match(writes[0], "\x1b[2K");
});

test.run();
