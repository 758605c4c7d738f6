/**
 * The step summary stays under the room it is given (GitHub takes 1 MiB per step): a table
 * of 30 000 changed cases folds into <details> and is cut, with a note saying how much was
 * left out; a short one stays open, whole. The Markdown is well formed: every row has the
 * header's columns, whatever the case names hold.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_TOLERANCE } from "../runner/budget/tolerance.ts";
import { change } from "../runner/gate/compare.ts";
import type { GateSummary } from "../runner/gate/types.ts";
import { githubStepSummary, STEP_SUMMARY_LIMIT } from "../runner/report/github.ts";
import type { CaseResult } from "../mod.ts";

const MiB = 2 ** 20;

/** `n` cases that each regressed by 20 %, named with characters Markdown and HTML care about. */
function regressed(n: number): { results: CaseResult[]; gate: GateSummary } {
  const results = Array.from({ length: n }, (_, i): CaseResult => {
    const name = `case ${i} | <b>*bold*</b> & \`code\`\nsecond line`;
    const peak = change("peak", 50 * MiB, 60 * MiB, DEFAULT_TOLERANCE.peak);
    const growth = change("growth", 10 * MiB, 12 * MiB + i, DEFAULT_TOLERANCE.growth);
    return {
      file: `/repo/test/f${i % 7}.mem.ts`, name, location: `/repo/test/f${i % 7}.mem.ts:${i + 1}`, status: "failed",
      peak: 60 * MiB, growth: 12 * MiB + i, baseline: 48 * MiB, treePeak: 60 * MiB, budget: null, growthBudget: null, headroom: null,
      runs: [], failure: "peak 60.0 MiB is over its baseline", output: "", wallMs: 1,
      gate: { id: `test/f${i % 7}.mem.ts › ${name}`, verdict: "regressed", metrics: [peak, growth], failure: "x", confirmRuns: 2 },
    };
  });
  return { results, gate: { path: ".memassert/baseline.json", regressed: n, improved: 0, unchanged: 0, new: 0, removed: [], environment: [] } };
}

function report(results: CaseResult[]) {
  return { results, fileErrors: [], passed: 0, failed: results.length, skipped: 0, root: "/repo" };
}

test("30 000 regressions: folded, cut under the limit, with a note", () => {
  const { results, gate } = regressed(30_000);
  const md = githubStepSummary(report(results), gate, STEP_SUMMARY_LIMIT, "memassert test -u");
  const bytes = new TextEncoder().encode(md).length;
  assert.ok(bytes <= STEP_SUMMARY_LIMIT, `${bytes} bytes`);
  assert.ok(bytes > STEP_SUMMARY_LIMIT * 0.9, `the room is used: ${bytes} bytes`);
  assert.match(md, /^<details><summary>60000 changed figures<\/summary>$/m);
  assert.match(md, /^_… \d+ more rows were cut to keep this summary under 1024 KiB; the job's log has them all\._$/m);
  assert.match(md, /^<\/details>$/m);
  assert.match(md, /Accept the regressions on purpose with `memassert test -u`/);
});

test("a summary given less room (others wrote to it first) stays within it", () => {
  const { results, gate } = regressed(2_000);
  const md = githubStepSummary(report(results), gate, 100_000);
  assert.ok(new TextEncoder().encode(md).length <= 100_000);
  assert.match(md, /more rows were cut/);
});

test("a short table stays open and whole; every row has the header's columns", () => {
  const { results, gate } = regressed(3);
  const md = githubStepSummary(report(results), gate, STEP_SUMMARY_LIMIT);
  assert.not.match(md, /<details>/);
  assert.not.match(md, /cut/);
  const rows = md.split("\n").filter((l) => l.startsWith("|"));
  assert.is(rows.length, 2 + 6);
  // Unescaped pipes would add columns: count the separators that are not escaped.
  for (const row of rows) assert.is(row.split(/(?<!\\)\|/).length, rows[0].split("|").length, row);
  assert.match(md, /case 0 \\\| &lt;b&gt;\\\*bold\\\*&lt;\/b&gt; &amp; \\`code\\` second line/);
});

test.run();
