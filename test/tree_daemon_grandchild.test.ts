/**
 * A daemonized grandchild (double fork + setsid) outlives the root: it waits until the
 * root has exited, then maps and touches 96 MiB, unmaps it, lingers 300 ms and exits.
 * It must be in r.processes with its own peak (within 16 KiB of its reading), and
 * measure() must not resolve before it has exited.
 *
 * Why a naive tool fails: a tool that stops at the root's exit (wait4 on the root, or a
 * tracer that ends when its direct child does) never sees the grandchild's 96 MiB at all.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { MiB, near, nearTree, ROOT_TOLERANCE, truthFile } from "./helpers/truth.ts";

test("a daemonized grandchild allocating after the root exited is measured and awaited", async () => {
  const prog = compileFixture("daemon_grandchild");
  const truth = truthFile();
  try {
    const r = await measure([prog, truth.path], { mode: "exact", stdout: "ignore", stderr: "inherit" });
    // Read at once: the grandchild writes "grandchild.done" as its last act before exiting.
    const t = truth.read();
    assert.is(t["grandchild.done"], 1, "measure() resolved before the grandchild exited");
    assert.is(t["grandchild.after_root"], 1);
    assert.is(r.exitCode, 0);
    assert.is(r.processes.length, 3);
    const root = r.processes.find((p) => p.pid === r.root.pid)!;
    const child = r.processes.find((p) => p.pid === t["child.pid"]);
    const grandchild = r.processes.find((p) => p.pid === t["grandchild.pid"]);
    assert.ok(child, `child (pid ${t["child.pid"]}) missing from processes`);
    assert.ok(grandchild, `grandchild (pid ${t["grandchild.pid"]}) missing from processes`);
    assert.is(child!.ppid, root.pid);
    assert.is(grandchild!.ppid, child!.pid);
    assert.is(grandchild!.exitCode, 0);
    assert.ok(grandchild!.endMs >= root.endMs + 250, `grandchild ended at ${grandchild!.endMs} ms, root at ${root.endMs} ms`);
    assert.ok(t["grandchild.peak"] >= 96 * MiB);
    near(grandchild!.peakRss, t["grandchild.peak"], ROOT_TOLERANCE, "grandchild peakRss");
    // The root is gone by then: the tree peak is the grandchild's (plus nothing else alive).
    nearTree(r.tree.peakRss, t["grandchild.peak"], 1, "tree peakRss");
  } finally {
    truth.remove();
  }
});

test.run();
