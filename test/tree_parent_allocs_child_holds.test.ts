/**
 * A child holds 96 MiB while its parent mallocs, touches and frees 128 MiB. The root
 * peak must be within 16 KiB of the parent's own reading before free(), and the tree
 * peak within 16 KiB per process of parent peak + child peak.
 *
 * Why a naive tool fails: the parent's 128 MiB is gone before anyone exits, so RSS at
 * exit (or at the child's exit) gives ~97 MiB for the tree, 128 MiB short.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, nearTree, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("tree peak of a parent allocating while its child holds memory", async () => {
  const { r, t } = await runFixture("child_holds_parent_allocs");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 2);
  const child = r.processes.find((p) => p.pid === t["child.pid"]);
  assert.ok(child, `child (pid ${t["child.pid"]}) missing from processes`);
  assert.is(child!.ppid, r.root.pid);
  assert.ok(t["parent.peak"] - t["parent.after"] >= 120 * MiB, "fixture parent did not free");
  near(r.root.peakRss, t["parent.peak"], ROOT_TOLERANCE, "root peakRss");
  near(child!.peakRss, t["child.peak"], ROOT_TOLERANCE, "child peakRss");
  nearTree(r.tree.peakRss, t["parent.peak"] + t["child.peak"], 2, "tree peakRss");
});

test.run();
