/**
 * A pthread mallocs 128 MiB, touches it, frees it and exits; main joins it and exits.
 * The root peak must be within 16 KiB of the statm reading the thread took right before
 * free().
 *
 * Why a naive tool fails: RSS at exit is ~1.4 MiB (127 MiB short). The drop happens in
 * a thread the tracer did not start: a tracer that does not follow clone(CLONE_THREAD)
 * (PTRACE_O_TRACECLONE) never stops there.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak of 128 MiB allocated and freed in a second thread", async () => {
  const { r, t, argv } = await runFixture("thread_alloc");
  assert.is(r.exitCode, 0);
  // Threads are not processes: one thread group.
  assert.is(r.processes.length, 1);
  assert.is(r.tree.processes, 1);
  assert.equal(r.processes[0].argv, argv);
  assert.ok(t.peak - t.after >= 120 * MiB, `fixture dropped only ${t.peak - t.after} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test.run();
