import { test } from "uvu";
import * as assert from "uvu/assert";
import { createReporter, type Reporter } from "../runner/report/reporter.ts";
import type { CaseInfo, CaseResult } from "../runner/testing/types.ts";
import { loadError, overBudgetCase, passedCase, reportOf, skippedCase, thrownCase } from "./helpers/report_fixtures.ts";

const nasty = passedCase({ name: "\x1b[31mred\x1b[0m name\x00 with\nnewline", file: "test/csv.test.ts" });
const results = [passedCase(), overBudgetCase(), thrownCase(), skippedCase(), nasty];
const FILES = ["test/bad.test.ts", "test/csv.test.ts", "test/parse.test.ts", "test/render.test.ts"];

function info(r: CaseResult, index: number): CaseInfo {
  return { file: r.file, index, name: r.name, only: false, skip: false, location: r.location, options: { budget: r.budget, growth: r.growthBudget, runs: 1, timeout: 5000, killAbove: null, killAboveSource: "", source: "test/parse.test.ts:1", growthSource: "test/parse.test.ts:1", retained: null, retainedSource: "", heapRetained: null, heapRetainedSource: "", warmup: 0, leakRuns: null, leakPerRun: 65536, leakSource: "" } };
}

/** Runs a whole report through the default reporter, cases finishing out of file order. */
function render(sink: { isTTY?: boolean; columns?: number }, color: boolean, withPlan = true): { text: string; beforeLast: string } {
  let text = "";
  const reporter: Reporter = createReporter("default", { ...sink, write: (s) => (text += s) }, { color });
  const cases = results.map((r) => info(r, r.file === "test/parse.test.ts" ? (r.name === "parse 10k rows" ? 0 : 1) : 0));
  reporter.start({ files: FILES.length, cases: results.length, jobs: 4, ...(withPlan ? { plan: { files: FILES, cases } } : {}) });
  reporter.fileError(loadError);
  cases.forEach((c) => reporter.caseStarted(c));
  for (const i of [2, 0, 4, 3]) reporter.caseFinished(results[i]);
  const beforeLast = text;
  reporter.caseFinished(results[1]);
  reporter.finish(reportOf(results, [loadError]));
  return { text, beforeLast };
}

const outputs = {
  pipe: render({}, true),
  ttyWithoutColor: render({ isTTY: true, columns: 400 }, false),
  withoutPlan: render({}, false, false),
};

const LISTING = [
  "✗ test/bad.test.ts could not be loaded",
  "test/csv.test.ts",
  "  ✓ \\x1b[31mred\\x1b[0m name\\x00 with\\nnewline  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB",
  "test/parse.test.ts",
  "  ✓ parse 10k rows  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB",
  "  ✗ parse 100k rows  peak 52.3 MiB  growth 17.2 MiB  budget 48.0 MiB  growth budget 16.0 MiB  headroom -4.3 MiB  median of 3 runs",
  "test/render.test.ts",
  `  ✗ render <table> & "quotes" 'too'  budget 48.0 MiB`,
  "  - render 1M cells  skipped",
];

for (const [sink, { text }] of Object.entries(outputs)) {
  test(`plain output (${sink}): no escape codes, by file in order under each file's name, totals and time last`, () => {
    assert.not.ok(text.includes("\x1b"), "no ESC character anywhere");
    assert.not.ok(/[\x00-\x08\x0b-\x1f]/.test(text), "no control characters but newlines");
    assert.ok(text.endsWith("\n"));
    const lines = text.slice(0, -1).split("\n");
    assert.is(lines[lines.length - 1], "2 passed, 2 failed, 1 skipped in 3.12 s");
    assert.is(lines[lines.length - 2], "1 file could not be loaded");
    // Control characters of the name are shown as escapes, never sent to the terminal.
    const heads = lines.filter((l) => !l.startsWith("    ") && !/^\d/.test(l));
    assert.equal(heads, LISTING, "files sorted, each file's cases as declared, whatever order they finished in");
  });

  test(`plain output (${sink}): failures are explained under their case, output cut to its last 20 lines`, () => {
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.startsWith("  ✗ parse 100k rows"));
    assert.equal(lines.slice(at + 1, at + 4), [
      "      peak 52.3 MiB is 4.3 MiB over the budget of 48.0 MiB",
      "      (change `budget` in test/parse.test.ts:15)",
      "      output (last 20 of 30 lines):",
    ]);
    assert.is(lines[at + 4], "        [parse] batch 11/30 done");
    assert.is(lines[at + 23], "        [parse] batch 30/30 done");
    assert.not.ok(text.includes("batch 10/30"));

    const thrown = lines.findIndex((l) => l.startsWith("  ✗ render"));
    assert.is(lines[thrown + 1], `      TypeError: Cannot read properties of undefined (reading "rows")`);
    assert.is(lines[thrown + 2], "          at render (src/render.ts:42:13)");

    const bad = lines.indexOf("✗ test/bad.test.ts could not be loaded");
    assert.ok(lines[bad + 1].startsWith(`    Cannot parse size "64 mb"`));
  });
}

test("plain output prints a file once it and the files before it are done, not before", () => {
  const { beforeLast } = outputs.pipe;
  // test/parse.test.ts waits for its second case; test/render.test.ts waits for test/parse.test.ts.
  assert.ok(beforeLast.includes("test/csv.test.ts\n"), beforeLast);
  assert.not.ok(beforeLast.includes("test/parse.test.ts\n"), beforeLast);
  assert.not.ok(beforeLast.includes("render"), beforeLast);
  assert.equal(outputs.withoutPlan.beforeLast, "", "without a plan, everything waits for the end");
});

test("plain output when all is well: the file, its case and the totals", () => {
  let text = "";
  const reporter = createReporter("default", { write: (s) => (text += s) }, { color: false });
  reporter.start({ files: 1, cases: 1, jobs: 1 });
  reporter.caseFinished(passedCase());
  reporter.finish(reportOf([passedCase()], [], 840));
  assert.is(text, "test/parse.test.ts\n  ✓ parse 10k rows  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB\n1 passed, 0 failed in 840 ms\n");
});

test("lines fit the width: figures and failures wrap under the case, the name stays whole", () => {
  let text = "";
  const long = overBudgetCase({ name: "parse 100k rows of a very long and descriptive name" });
  const reporter = createReporter("default", { write: (s) => (text += s), columns: 50 }, { color: false });
  reporter.start({ files: 1, cases: 1, jobs: 1 });
  reporter.caseFinished(long);
  reporter.finish(reportOf([long]));
  const lines = text.trimEnd().split("\n");
  assert.is(lines[1], "  ✗ parse 100k rows of a very long and descriptive name", "the name is never cut, alone when nothing fits after it");
  for (const l of lines.slice(2)) assert.ok(Array.from(l).length <= 50 || !l.includes(" ", 8), `fits 50 columns: ${JSON.stringify(l)}`);
  assert.ok(lines.includes("      peak 52.3 MiB  growth 17.2 MiB"), text);
  assert.ok(lines.includes("      peak 52.3 MiB is 4.3 MiB over the budget of"), text);
  assert.ok(lines.includes("      48.0 MiB"), "a number is not parted from its unit");
});

test.run();
