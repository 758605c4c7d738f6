/**
 * Two children both touch the same 64 MiB MAP_SHARED|MAP_ANONYMOUS region and hold it
 * at once. Tree peakRss counts the region in each child (≈ 128 MiB + small), tree
 * peakPss counts it once (≈ 64 MiB + small): each within 16 KiB per process of the sum of the three
 * processes' own statm / smaps_rollup readings taken while both children held it.
 *
 * Why a naive tool fails: summing RSS is all a tool without PSS can do, and it says
 * 128 MiB for 64 MiB of memory; a tracer that reads each child's PSS only when that
 * child stops would keep the first child's stale 64 MiB share and report ~96 MiB.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, nearTree, runFixture } from "./helpers/truth.ts";

test("shared anonymous memory: RSS counts it per sharer, PSS once", async () => {
  const { r, t } = await runFixture("shared_anon");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 3);
  const rss = t["parent.rss"] + t["child1.rss"] + t["child2.rss"];
  const pss = t["parent.pss"] + t["child1.pss"] + t["child2.pss"];
  assert.ok(rss - pss >= 60 * MiB, `fixture: RSS sum ${rss} B vs PSS sum ${pss} B`);
  nearTree(r.tree.peakRss, rss, 3, "tree peakRss");
  nearTree(r.tree.peakPss, pss, 3, "tree peakPss");
});

test.run();
