/**
 * Two forked children hold 64 MiB each at the same time (a pipe barrier makes sure).
 * The tree peak must be within 16 KiB per process of parent + child1 + child2, each as read by the
 * process itself while both children held their memory.
 *
 * Why a naive tool fails: RSS at exit is ~1 MiB per process; RUSAGE_CHILDREN and VmHWM
 * give the largest single process (~65 MiB), never the 130 MiB the tree held at once.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, nearTree, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("tree peak of two children holding 64 MiB at once is their sum", async () => {
  const { r, t, argv } = await runFixture("two_children", ["together"]);
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 3);
  assert.is(r.tree.processes, 3);
  const root = r.processes.find((p) => p.pid === r.root.pid)!;
  for (const n of [1, 2]) {
    const child = r.processes.find((p) => p.pid === t[`child${n}.pid`]);
    assert.ok(child, `child${n} (pid ${t[`child${n}.pid`]}) missing from processes`);
    assert.is(child!.ppid, root.pid);
    assert.equal(child!.argv, argv); // forked, not exec'd
    assert.is(child!.exitCode, 0);
    near(child!.peakRss, t[`child${n}.peak`], ROOT_TOLERANCE, `child${n} peakRss`);
  }
  const sum = t.parent + t["child1.peak"] + t["child2.peak"];
  assert.ok(sum >= 128 * MiB, `fixture held only ${sum} B`);
  nearTree(r.tree.peakRss, sum, 3, "tree peakRss");
});

test.run();
