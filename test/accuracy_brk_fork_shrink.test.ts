/**
 * A parent writes a 64 MiB brk heap, forks (the child shares the heap copy-on-write), and
 * shrinks the heap with brk while the child holds it. At that peak the parent's PSS is
 * half the heap and its split all anonymous: root peakPss and the anon split within 16 KiB
 * of the parent's own readings, the tree's PSS within 16 KiB per process of both.
 *
 * Why a lazier tracer fails: unless the shrinking brk is where PSS is read, the peak's
 * PSS is derived from a reading made before the fork and counts the heap whole (+32 MiB).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, nearTree, ROOT_TOLERANCE, runFixture, PSS_TOLERANCE } from "./helpers/truth.ts";

test("PSS and split at a brk shrink after a fork are read there", async () => {
  const { r, t } = await runFixture("brk_fork_shrink");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 2);
  assert.ok(t["parent.rss"] - t["parent.pss"] >= 30 * MiB, `fixture: the heap is not shared (RSS ${t["parent.rss"]} B, PSS ${t["parent.pss"]} B)`);
  near(r.root.peakRss, t["parent.rss"], ROOT_TOLERANCE, "root peakRss");
  near(r.root.peakPss, t["parent.pss"], PSS_TOLERANCE, "root peakPss");
  const root = r.processes.find((p) => p.pid === r.root.pid)!;
  near(root.atPeak.anon, t["parent.anon"], ROOT_TOLERANCE, "root anon at its peak");
  nearTree(r.tree.peakPss, t["parent.pss"] + t["child.pss"], 2, "tree peakPss");
});

test.run();
