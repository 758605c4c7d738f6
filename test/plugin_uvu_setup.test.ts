/**
 * memassert/uvu: `setup` and `teardown` run in the case's process, around the case and
 * outside what is measured (64 MiB made in setup is not the case's growth); the suite's own
 * hooks do not run there.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { readResults, runIn } from "./helpers/runtimes.ts";
import { uvuCommand, uvuProject } from "./helpers/uvu_project.ts";

const MiB = 2 ** 20;

test("under Node: passes within 8 MiB of growth, its baseline holding setup's 64 MiB", () => {
  const dir = uvuProject(`${ROOT}test/fixtures/uvu`);
  try {
    const report = join(dir, "results.jsonl");
    const [exe, bin] = uvuCommand("node");
    const r = runIn(dir, [exe, bin, "tests", "setup"], { MEMASSERT_REPORT: report, MEMASSERT_BIN: `${ROOT}dist/memassert` });
    assert.is(r.status, 0, r.all);
    const [c] = readResults(report);
    assert.is(c.name, "around › setup and teardown are not measured");
    assert.is(c.status, "passed");
    assert.ok(c.growth! < 8 * MiB, `growth ${(c.growth! / MiB).toFixed(1)} MiB`);
    assert.ok(c.baseline! > 64 * MiB, `baseline ${(c.baseline! / MiB).toFixed(1)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
