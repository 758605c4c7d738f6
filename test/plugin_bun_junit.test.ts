/**
 * Bun's JUnit report has no per-test properties: a memory case over its limit carries its
 * figure, limit and excess in the failure's text, which CI views (GitLab's, GitHub's JUnit
 * actions) show.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

test("bun test --reporter=junit: the failure names the growth, its limit and the excess", () => {
  const tmp = mkdtempSync(join(tmpdir(), "memassert-junit-"));
  const out = join(tmp, "junit.xml");
  try {
    const r = runIn(`${ROOT}examples/bun`, [BUN, "test", "./over-budget.fails.test.ts", "--reporter=junit", `--reporter-outfile=${out}`]);
    assert.is(r.status, 1, r.all);
    const xml = readFileSync(out, "utf8");
    assert.match(xml, /<testcase name="index 100k rows within 4 MiB \(fails on purpose\)"[^>]*>\s*<failure [^>]*message="growth \d+\.\d MiB is over its limit of 4\.0 MiB by \d+\.\d MiB \(\d+\.\d× the limit\); the limit is set in memtest\(/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
