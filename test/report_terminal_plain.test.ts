import { test } from "uvu";
import * as assert from "uvu/assert";
import { createReporter, type Reporter } from "../runner/report/reporter.ts";
import { loadError, overBudgetCase, passedCase, reportOf, skippedCase, thrownCase } from "./helpers/report_fixtures.ts";

const nasty = passedCase({ name: "\x1b[31mred\x1b[0m name\x00 with\nnewline", file: "test/csv.test.ts" });
const results = [passedCase(), overBudgetCase(), thrownCase(), skippedCase(), nasty];

/** Runs a whole report through the default reporter, cases finishing out of file order. */
function render(sink: { isTTY?: boolean; columns?: number }, color: boolean): string {
  let text = "";
  const reporter: Reporter = createReporter("default", { ...sink, write: (s) => (text += s) }, { color });
  reporter.start({ files: 4, cases: results.length, jobs: 4 });
  for (const r of results) reporter.caseStarted({ file: r.file, index: 0, name: r.name, only: false, skip: false, location: r.location, options: { budget: r.budget, growth: r.growthBudget, runs: 1, timeout: 5000, killAbove: null, killAboveSource: "", source: "test/parse.test.ts:1", growthSource: "test/parse.test.ts:1", retained: null, retainedSource: "", heapRetained: null, heapRetainedSource: "", warmup: 0, leakRuns: null, leakPerRun: 65536, leakSource: "" } });
  for (const i of [2, 0, 4, 3, 1]) reporter.caseFinished(results[i]);
  reporter.fileError(loadError);
  reporter.finish(reportOf(results, [loadError]));
  return text;
}

const outputs = {
  pipe: render({}, true),
  ttyWithoutColor: render({ isTTY: true, columns: 40 }, false),
};

for (const [sink, text] of Object.entries(outputs)) {
  test(`plain output (${sink}): no escape codes, one line per case, totals last`, () => {
    assert.not.ok(text.includes("\x1b"), "no ESC character anywhere");
    assert.not.ok(/[\x00-\x08\x0b-\x1f]/.test(text), "no control characters but newlines");
    assert.ok(text.endsWith("\n"));
    const lines = text.slice(0, -1).split("\n");
    assert.is(lines[lines.length - 1], "2 passed, 2 failed, 1 skipped");
    assert.is(lines[lines.length - 2], "1 file could not be loaded");

    const heads = lines.filter((l) => /^[✓✗-] /.test(l));
    assert.is(heads.length, results.length + 1, "one line per case, one per file error");
    assert.equal(heads.map((l) => l[0]), ["✗", "✓", "✓", "-", "✗", "✗"], "in finishing order");
    assert.is(heads[1], "✓ test/parse.test.ts › parse 10k rows  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB");
    // Control characters of the name are shown as escapes, never sent to the terminal.
    assert.is(heads[2], "✓ test/csv.test.ts › \\x1b[31mred\\x1b[0m name\\x00 with\\nnewline  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB");
    assert.is(heads[3], "- test/render.test.ts › render 1M cells  skipped");
    assert.is(heads[4], "✗ test/parse.test.ts › parse 100k rows  peak 52.3 MiB  growth 17.2 MiB  budget 48.0 MiB  growth budget 16.0 MiB  headroom -4.3 MiB  median of 3 runs");
    assert.is(heads[5], "✗ test/bad.test.ts could not be loaded");
  });

  test(`plain output (${sink}): failures are explained under their case, output cut to its last 20 lines`, () => {
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.startsWith("✗ test/parse.test.ts › parse 100k rows"));
    assert.equal(lines.slice(at + 1, at + 4), [
      "    peak 52.3 MiB is 4.3 MiB over the budget of 48.0 MiB",
      "    (change `budget` in test/parse.test.ts:15)",
      "    output (last 20 of 30 lines):",
    ]);
    assert.is(lines[at + 4], "      [parse] batch 11/30 done");
    assert.is(lines[at + 23], "      [parse] batch 30/30 done");
    assert.not.ok(text.includes("batch 10/30"));

    const thrown = lines.findIndex((l) => l.startsWith("✗ test/render.test.ts"));
    assert.is(lines[thrown], `✗ test/render.test.ts › render <table> & "quotes" 'too'  budget 48.0 MiB`);
    assert.is(lines[thrown + 1], `    TypeError: Cannot read properties of undefined (reading "rows")`);
    assert.is(lines[thrown + 2], "        at render (src/render.ts:42:13)");

    const bad = lines.indexOf("✗ test/bad.test.ts could not be loaded");
    assert.ok(lines[bad + 1].startsWith(`    Cannot parse size "64 mb"`));
  });
}

test("plain output when all is well: only the case lines and the totals", () => {
  let text = "";
  const reporter = createReporter("default", { write: (s) => (text += s) }, { color: false });
  reporter.start({ files: 1, cases: 1, jobs: 1 });
  reporter.caseFinished(passedCase());
  reporter.finish(reportOf([passedCase()]));
  assert.is(text, "✓ test/parse.test.ts › parse 10k rows  peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB  headroom 6.8 MiB\n1 passed, 0 failed\n");
});

test.run();
