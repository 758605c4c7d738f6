/**
 * memassert/uvu: a case keeping a filled 64 MiB buffer measures 64 MiB of growth, within
 * 2 MiB, under Node (which marks its case with kill() and runs under the exact filter from its
 * start) and under Bun; as written to the results file ($MEMASSERT_REPORT).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { readResults, runIn } from "./helpers/runtimes.ts";
import { uvuCommand, uvuProject } from "./helpers/uvu_project.ts";

const MiB = 2 ** 20;
let dir = "";
test.before(() => {
  dir = uvuProject(`${ROOT}test/fixtures/uvu`);
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const runtime of ["node", "bun"] as const) {
  test(`uvu under ${runtime}: growth within 2 MiB of 64 MiB`, () => {
    const report = join(dir, `results-${runtime}.jsonl`);
    const [exe, bin] = uvuCommand(runtime);
    const r = runIn(dir, [exe, bin, "tests", "keep64"], { MEMASSERT_REPORT: report, MEMASSERT_BIN: `${ROOT}dist/memassert` });
    assert.is(r.status, 0, r.all);
    const [c, ...more] = readResults(report);
    assert.equal(more, []);
    assert.is(c.name, "keep 64 MiB");
    assert.is(c.status, "passed");
    assert.ok(Math.abs(c.growth! - 64 * MiB) <= 2 * MiB, `growth ${(c.growth! / MiB).toFixed(2)} MiB`);
  });
}

test.run();
