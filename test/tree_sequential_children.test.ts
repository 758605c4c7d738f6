/**
 * Two forked children hold 64 MiB each, one after the other (the second is forked only
 * once the first has exited). The tree peak must be within 16 KiB per process of parent + the larger
 * child, not the sum.
 *
 * Why a naive tool fails: adding up per-process peaks gives ~130 MiB, twice what was
 * ever in use at once.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { near, nearTree, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("tree peak of two children holding 64 MiB one after the other is the max", async () => {
  const { r, t } = await runFixture("two_children", ["apart"]);
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 3);
  for (const n of [1, 2]) {
    const child = r.processes.find((p) => p.pid === t[`child${n}.pid`]);
    assert.ok(child, `child${n} (pid ${t[`child${n}.pid`]}) missing from processes`);
    near(child!.peakRss, t[`child${n}.peak`], ROOT_TOLERANCE, `child${n} peakRss`);
  }
  const max = t.parent + Math.max(t["child1.peak"], t["child2.peak"]);
  nearTree(r.tree.peakRss, max, 2, "tree peakRss");
});

test.run();
