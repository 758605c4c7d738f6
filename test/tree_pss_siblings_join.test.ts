/**
 * A parent writes a 48 MiB memfd region; two children map and read it one after the other, each
 * making a freeing call once it has. With all three mapping it, each has a third in its
 * PSS. The tree's peak PSS is the sum of the three processes' own smaps_rollup readings at
 * that moment (≈ 48 MiB + the programs), within 16 KiB per process; its peak RSS counts the
 * region three times.
 *
 * Why a shortcut fails: a process's PSS can drop without any event of its own (a sibling
 * starting to map the same pages). Deriving each process's PSS from its last reading
 * keeps the parent's 48 MiB from when it mapped the region alone and the first child's
 * 24 MiB from when two did, and adds the second child's fresh 16 MiB: ~88 MiB for a true
 * ~49 MiB, a sum of readings of three different moments.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, nearTree, runFixture } from "./helpers/truth.ts";

test("tree PSS of siblings joining a shared region one after the other: the sum of the readings at one moment", async () => {
  const { r, t } = await runFixture("siblings_join");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 3);
  const rss = t["parent.rss"] + t["child1.rss"] + t["child2.rss"];
  const pss = t["parent.pss"] + t["child1.pss"] + t["child2.pss"];
  assert.ok(rss - pss >= 90 * MiB, `fixture: RSS sum ${rss} B vs PSS sum ${pss} B`);
  nearTree(r.tree.peakRss, rss, 3, "tree peakRss");
  nearTree(r.tree.peakPss, pss, 3, "tree peakPss");
});

test.run();
