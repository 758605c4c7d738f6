import { test } from "uvu";
import * as assert from "uvu/assert";
import { createReporter } from "../runner/report/reporter.ts";
import type { CaseInfo, CaseResult } from "../runner/testing/types.ts";
import { overBudgetCase, passedCase, reportOf, skippedCase } from "./helpers/report_fixtures.ts";

const CLEAR = "\r\x1b[2K";
const results = [passedCase(), overBudgetCase(), skippedCase(), passedCase({ name: "parse a very long file name that will not fit on the status line at all", file: "test/csv.test.ts" })];

function info(r: CaseResult): CaseInfo {
  return { file: r.file, index: 0, name: r.name, only: false, skip: false, location: r.location, options: { budget: r.budget, growth: r.growthBudget, runs: 1, timeout: 5000, killAbove: null, killAboveSource: "", source: "memassert.config.ts", growthSource: "memassert.config.ts", retained: null, retainedSource: "", heapRetained: null, heapRetainedSource: "", warmup: 0, leakRuns: null, leakPerRun: 65536, leakSource: "" } };
}

/** What a terminal shows after these writes: `\r\x1b[2K` erases the current line, colours are dropped. */
function screen(writes: string[]): string[] {
  const lines = [""];
  for (const chunk of writes.join("").split(/(\r\x1b\[2K|\n)/)) {
    if (chunk === CLEAR) lines[lines.length - 1] = "";
    else if (chunk === "\n") lines.push("");
    else lines[lines.length - 1] += chunk.replace(/\x1b\[[0-9;]*m/g, "");
  }
  return lines;
}

const writes: string[] = [];
const reporter = createReporter("default", { write: (s) => writes.push(s), isTTY: true, columns: 60 }, { color: true });
const plan = { files: ["test/csv.test.ts", "test/parse.test.ts", "test/render.test.ts"], cases: [info(results[3]), info(results[0]), { ...info(results[1]), index: 1 }, info(results[2])] };
reporter.start({ files: 3, cases: 4, jobs: 2, plan });
reporter.caseStarted(info(results[0]));
reporter.caseStarted(info(results[1]));
const beforeFinish = screen(writes);
reporter.caseFinished(results[0]);
reporter.caseStarted(info(results[3]));
reporter.caseFinished(results[2]);
reporter.caseFinished(results[3]);
const whileRunning = screen(writes);
reporter.caseFinished(results[1]);
reporter.finish(reportOf(results));

test("live output rewrites one status line in place with the progress and a running case", () => {
  for (const w of writes) assert.ok(w.startsWith(CLEAR), `every write starts by erasing the status line: ${JSON.stringify(w)}`);
  assert.equal(beforeFinish, ["running 0/4 · 0 passed · 0 failed · parse 10k rows"]);
  assert.is(whileRunning[whileRunning.length - 1], "running 3/4 · 2 passed · 0 failed · 1 skipped · parse 100k…", "cut to fit 60 columns");
  const statuses = writes.map((w) => w.slice(w.lastIndexOf("\n") + 1).replace(CLEAR, "")).slice(0, -1);
  for (const s of statuses) assert.ok(Array.from(s).length < 60, `status line fits the 60 columns: ${s}`);
  assert.ok(statuses.some((s) => s.endsWith("…")), "a long case name is cut");
});

test("live output prints each file above the status line once it and the files before it are done, with coloured marks", () => {
  const all = writes.join("");
  assert.ok(all.includes("\x1b[1mtest/parse.test.ts\x1b[0m\n  \x1b[32m✓\x1b[0m parse 10k rows  peak 41.2 MiB"));
  assert.ok(all.includes("  \x1b[31m✗\x1b[0m parse 100k rows"));
  // While test/parse.test.ts still runs a case, only the file before it is shown.
  // Its figures wrap to the 60 columns under the name, which is never cut.
  assert.equal(whileRunning.slice(0, -1), [
    "test/csv.test.ts",
    "  ✓ parse a very long file name that will not fit on the status line at all",
    "      peak 41.2 MiB  growth 6.1 MiB  budget 48.0 MiB",
    "      headroom 6.8 MiB",
  ]);
  assert.not.ok(whileRunning.some((l) => l.includes("parse 10k rows")), "a file is not shown before it is done");
});

test("live output ends with the totals line, the status line erased", () => {
  const all = writes.join("");
  assert.ok(all.endsWith(`2 passed, 1 failed, 1 skipped in 3.12 s\n`));
  const shown = screen(writes);
  assert.is(shown.pop(), "", "ends with a newline");
  assert.is(shown[shown.length - 1], "2 passed, 1 failed, 1 skipped in 3.12 s");
  assert.not.ok(shown.some((l) => l.startsWith("running ")), "no status line is left on screen");
  assert.is(shown.filter((l) => /^ {2}[✓✗-] /.test(l)).length, 4);
  assert.equal(shown.filter((l) => /^test\//.test(l)), ["test/csv.test.ts", "test/parse.test.ts", "test/render.test.ts"]);
});

test.run();
