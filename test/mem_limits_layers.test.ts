/**
 * `memassert test` layers a case's settings end to end: its own options, then its file's
 * `defaults()`, then the command line, then `memassert.config.ts`. The fixture project's
 * config asks for 4 runs and 200 MiB of growth; `--runs 2` is given; one file's
 * `defaults()` asks for 1 run and 100 MiB, and one of its cases for 3 runs and 300 MiB.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;

test("case over defaults() over the command line over the config, key by key", () => {
  const r = runCli(["test", "--runs", "2", "--reporter", "json"], { cwd: join(ROOT, "test/fixtures/mem/layers") });
  assert.is(r.status, 0, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  const got = Object.fromEntries(report.results.map((c) => [c.name, [c.runs.length, c.growthBudget! / MiB, c.budget! / MiB]]));
  assert.equal(got, {
    "the case's own options win": [3, 300, 1024],
    "defaults() win over the command line and the config": [1, 100, 1024],
    "the command line wins over the config": [2, 200, 1024],
  });
});

test.run();
