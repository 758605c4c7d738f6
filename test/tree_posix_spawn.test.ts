/**
 * A parent holding 128 MiB posix_spawns two children (glibc: clone(CLONE_VM|CLONE_VFORK),
 * so until execve each child runs inside the parent's address space); both children
 * then hold 64 MiB at once. Each child's peak must be its own (within 16 KiB of its
 * reading), and the tree peak within 16 KiB per process of parent + child1 + child2.
 *
 * Why a naive tool fails: reading a child's RSS before its execve reads the parent's
 * 128 MiB address space; counting that as the child's adds 128 MiB per child (the same
 * mistake as ru_maxrss inheriting the parent's high-water mark). RSS at exit is ~1 MiB.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, nearTree, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("posix_spawn children of a 128 MiB parent: own peaks, tree peak is the sum", async () => {
  const { r, t } = await runFixture("posix_spawn_children");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 3);
  near(r.root.peakRss, t["parent.peak"], ROOT_TOLERANCE, "root peakRss");
  for (const n of [1, 2]) {
    const child = r.processes.find((p) => p.pid === t[`child${n}.pid`]);
    assert.ok(child, `child${n} (pid ${t[`child${n}.pid`]}) missing from processes`);
    assert.is(child!.ppid, r.root.pid);
    assert.is(child!.exitCode, 0);
    assert.is(child!.argv[2], "child");
    assert.is(child!.argv[3], String(n));
    near(child!.peakRss, t[`child${n}.peak`], ROOT_TOLERANCE, `child${n} peakRss`);
  }
  const sum = t["parent.peak"] + t["child1.peak"] + t["child2.peak"];
  assert.ok(sum >= 256 * MiB, `fixture held only ${sum} B`);
  nearTree(r.tree.peakRss, sum, 3, "tree peakRss");
});

test.run();
