/**
 * The program raises RLIMIT_STACK itself and recurses until ~64 MiB of the main stack
 * is touched, reads its RSS at the deepest frame, unwinds, releases the stack pages with
 * madvise(MADV_DONTNEED) and exits. The root peak must be within 16 KiB of the reading
 * at the deepest frame.
 *
 * Why a naive tool fails: stack growth is page faults, not syscalls, and the pages are
 * gone before exit: RSS at exit is ~1.3 MiB (66 MiB short).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak of a recursion touching 64 MiB of stack", async () => {
  const { r, t, argv } = await runFixture("deep_stack");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 1);
  assert.equal(r.processes[0].argv, argv);
  assert.ok(t.peak >= 64 * MiB, `fixture peaked at only ${t.peak} B`);
  assert.ok(t.peak - t.after >= 60 * MiB, `fixture dropped only ${t.peak - t.after} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test.run();
