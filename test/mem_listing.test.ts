/**
 * `memassert test` lists its results by file, files sorted and each file's cases as declared,
 * under the file's name, whatever order the cases finished in (`-j 1` and `-j 4` give the same
 * listing), and ends with the totals and the run's time on the last line. With a width
 * (`COLUMNS` when the output is not a terminal) every line fits it, the figures and failures
 * wrapped under their case and the name never cut. Percentages have one decimal at most and
 * are never above 100 %: a figure 8× its limit says so.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";

const DIR = "test/fixtures/mem/order";
const LONG = "c: with a name long enough that a narrow terminal cannot hold it and its figures on one line";

function listing(stdout: string): string[] {
  return stdout.split("\n").filter((l) => /^(test\/| {2}[✓✗-] )/.test(l)).map((l) => l.replace(/^( {2}[✓✗-] .*?)( {2}(peak|growth|no limit|skipped)\b.*)?$/, "$1"));
}

const EXPECTED = [
  `${DIR}/a.mem.ts`,
  "  ✓ a: slow",
  "  ✓ a: quick",
  `${DIR}/b.mem.ts`,
  "  ✗ b: keeps 8 MiB over a 1 MiB limit",
  "  ✓ b: quick",
  `${DIR}/c.mem.ts`,
  `  ✓ ${LONG}`,
];

const runs = [1, 4].map((jobs) => runCli(["test", DIR, "-j", String(jobs)]));

test("the same listing by file, in declared order, with one case at a time and with four", () => {
  for (const r of runs) {
    assert.is(r.status, 1, r.stdout + r.stderr);
    assert.equal(listing(r.stdout), EXPECTED, r.stdout);
  }
});

test("the totals and the run's time are the last line", () => {
  for (const r of runs) {
    const lines = r.stdout.trimEnd().split("\n");
    assert.match(lines[lines.length - 1], /^4 passed, 1 failed in \d+(\.\d+)? (ms|s)$/, r.stdout);
  }
});

test("with COLUMNS=60 every line fits, the name whole", () => {
  const r = runCli(["test", DIR, "-j", "4"], { env: { COLUMNS: "60" } });
  assert.is(r.status, 1, r.stdout + r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  for (const l of lines) {
    if (l === `  ✓ ${LONG}`) continue;
    assert.ok(Array.from(l).length <= 60, `${Array.from(l).length} columns: ${JSON.stringify(l)}\n${r.stdout}`);
  }
  assert.ok(lines.includes(`  ✓ ${LONG}`), "the long name is on its own line, whole");
  assert.equal(listing(r.stdout), EXPECTED);
  assert.match(r.stdout, /\n {6}growth \d+\.\d MiB is over its limit of 1\.0 MiB by\n|\n {6}growth [^\n]*\n {6}[^\n]+\n/, "the failure is wrapped under its case");
});

test("percentages: at most one decimal, never above 100 %; 8× the limit says so", () => {
  const text = runs[0].stdout;
  const percents = [...text.matchAll(/([+-]?\d+(?:\.\d+)?) %/g)].map((m) => m[1]);
  for (const p of percents) {
    assert.ok(Math.abs(Number(p)) <= 100, `${p} % is above 100 %`);
    assert.ok(!/\.\d\d/.test(p), `${p} % has more than one decimal`);
  }
  assert.match(text, /growth \d+\.\d MiB is over its limit of 1\.0 MiB by \d+\.\d MiB \([789]\.\d× the limit\)/);
});

test.run();
