/**
 * memassert/deno: a case keeping a filled 64 MiB buffer measures 64 MiB of growth, within
 * 2 MiB, as written to the results file ($MEMASSERT_REPORT) by the memassert executable.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { DENO, readResults, runIn } from "./helpers/runtimes.ts";

const MiB = 2 ** 20;

test("deno test --allow-run keep64_test.ts: growth within 2 MiB of 64 MiB", () => {
  const tmp = mkdtempSync(join(tmpdir(), "memassert-deno-64-"));
  const report = join(tmp, "results.jsonl");
  try {
    const r = runIn(`${ROOT}test/fixtures/deno`, [DENO, "test", "--allow-run", "keep64_test.ts"], { MEMASSERT_REPORT: report });
    assert.is(r.status, 0, r.all);
    const [c, ...more] = readResults(report);
    assert.equal(more, []);
    assert.is(c.name, "keep 64 MiB");
    assert.is(c.status, "passed");
    assert.ok(Math.abs(c.growth! - 64 * MiB) <= 2 * MiB, `growth ${(c.growth! / MiB).toFixed(2)} MiB`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
