/**
 * A Node process, which cannot reach madvise, marks moments with kill(word, MARK_SIGNAL), the
 * word holding its token (small enough for kill()'s pid) and the mark's id: the tracer records
 * them as marks, under the exact filter and under the fast one, and the call itself fails with
 * EINVAL as it does untraced. The plugins' cases run under Node this way.
 */
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { ROOT } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = `${ROOT}test/fixtures/node/marks.cjs`;

test("without a token, under measure() not armed for marks, none is counted", async () => {
  const r = await measure(["node", FIXTURE], { stdout: "ignore" });
  assert.is(r.exitCode, 0);
  assert.is(r.marks, undefined);
});

test("untraced, the marks are refused and do nothing", () => {
  const r = spawnSync("node", [FIXTURE], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout.trim(), String(48 * MiB));
});

for (const mode of ["exact", "fast"] as const) {
  test(`traced (${mode}), both marks are seen, the 48 MiB between them`, async () => {
    const r = await measure(["node", FIXTURE], { mode, stdout: "ignore", markByKill: true });
    assert.is(r.exitCode, 0);
    const marks = (r.marks ?? []).filter((m) => m.pid === r.root.pid);
    assert.equal(marks.map((m) => m.id), [1, 2]);
    const grown = marks[1].rss - marks[0].rss;
    assert.ok(grown >= 47 * MiB && grown <= 52 * MiB, `RSS grew by ${(grown / MiB).toFixed(1)} MiB between the marks`);
  });
}

test.run();
