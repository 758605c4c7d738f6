/**
 * A process whose main thread leaves first (pthread_exit) while another thread goes on to
 * malloc and touch 256 MiB: /proc/PID/statm reads 0 once the leader has exited, so memassert
 * must read through a live thread. The root peak must be the thread's own reading before free.
 *
 * Why a naive tool fails: reading the leader's statm gives 0 B after it exits (1.5 MiB
 * was reported for this program, in exact and fast mode, and 0 B in sample mode).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { MiB, near, ROOT_TOLERANCE, runFixture, truthFile } from "./helpers/truth.ts";

test("the peak of a process whose main thread exited first is read through a live thread", async () => {
  const { r, t } = await runFixture("leader_exit");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 1);
  assert.ok(t.peak >= 256 * MiB && t.peak - t.after >= 250 * MiB, `fixture: peak ${t.peak} B, after ${t.after} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test("fast and sample modes also read it through a live thread", async () => {
  for (const mode of ["fast", "sample"] as const) {
    const truth = truthFile();
    try {
      const r = await measure([compileFixture("leader_exit"), truth.path], { mode, stdout: "ignore" });
      const t = truth.read();
      // Both are approximate by design; what matters is that the 256 MiB are seen at all.
      assert.ok(r.root.peakRss >= t.peak - 4 * MiB, `${mode}: root peakRss ${r.root.peakRss} B, truth ${t.peak} B`);
    } finally {
      truth.remove();
    }
  }
});

test.run();
