/**
 * Siblings that share memory with their parent one after the other: the tree's PSS peak must
 * be a sum of readings of one moment. A process's PSS changes when *other* processes map or
 * drop the pages it shares, while its own RSS stays the same, so a PSS carried over from an
 * earlier reading of the parent (48 MiB, before the first child shared the region) added to a
 * child's fresh one counts the region one and a half times.
 *
 * Why a naive tool fails: deriving a process's PSS from its last reading whenever its own RSS
 * and file pages did not change gave 57.4 MiB here instead of 49.4 MiB.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, nearTree, runFixture } from "./helpers/truth.ts";

test("tree PSS of siblings sharing memory with their parent in turn", async () => {
  const { r, t } = await runFixture("siblings_share");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 3);
  const truth = Math.max(t.sum1, t.sum2);
  assert.ok(t.rss1 - t.sum1 >= 40 * MiB, `fixture: RSS ${t.rss1} B vs PSS ${t.sum1} B: the region is shared`);
  // The truth adds two readings (parent and child), each read by the child.
  nearTree(r.tree.peakPss, truth, 2, "tree peakPss");
});

test.run();
