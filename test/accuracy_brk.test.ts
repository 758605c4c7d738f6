/**
 * The program break goes up 64 MiB (sbrk), the pages are touched, and the break goes
 * back down before exit. The root peak must be within 16 KiB of the program's statm
 * reading right before the shrink.
 *
 * Why a naive tool fails: a shrinking brk frees the pages, so RSS at exit is ~1.3 MiB,
 * 63 MiB short; a tracer that watches munmap/madvise but not brk misses the drop too.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak of a 64 MiB brk grow, touch, shrink", async () => {
  const { r, t, argv } = await runFixture("brk_shrink");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 1);
  assert.equal(r.processes[0].argv, argv);
  assert.ok(t.peak - t.after >= 60 * MiB, `fixture dropped only ${t.peak - t.after} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test.run();
