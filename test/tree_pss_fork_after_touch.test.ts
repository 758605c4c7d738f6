/**
 * A parent touches 64 MiB, makes a freeing call (its PSS is read there, all 64 MiB its
 * own), then forks a child that shares those pages copy-on-write and touches 32 MiB more.
 * The tree's peak PSS is the sum of the two processes' own smaps_rollup readings while
 * the child holds (≈ 32 + 32 + 32 MiB), within 16 KiB per process; the child's own PSS
 * too.
 *
 * Why a shortcut fails: deriving the parent's PSS from its last reading (64 MiB, before
 * the fork) plus its RSS growth since (none) counts the shared 64 MiB one and a half times:
 * ~128 MiB for a true ~96 MiB.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, nearTree, runFixture, PSS_TOLERANCE } from "./helpers/truth.ts";

test("tree PSS after a fork shares the parent's touched memory: the sum of the readings at that moment", async () => {
  const { r, t } = await runFixture("fork_after_touch");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 2);
  const child = r.processes.find((p) => p.pid === t["child.pid"]);
  assert.ok(child, `child (pid ${t["child.pid"]}) missing from processes`);
  assert.ok(t["parent.rss"] - t["parent.pss"] >= 30 * MiB, `fixture: the parent's 64 MiB are not shared (RSS ${t["parent.rss"]} B, PSS ${t["parent.pss"]} B)`);
  near(child!.peakPss, t["child.pss"], PSS_TOLERANCE, "child peakPss");
  nearTree(r.tree.peakRss, t["parent.rss"] + t["child.rss"], 2, "tree peakRss");
  nearTree(r.tree.peakPss, t["parent.pss"] + t["child.pss"], 2, "tree peakPss");
});

test.run();
