/**
 * 128 MiB of a private anonymous mapping are touched, then dropped with
 * madvise(MADV_DONTNEED); the program exits without unmapping. The root peak must be
 * within 16 KiB of the program's statm reading right before the madvise.
 *
 * Why a naive tool fails: RSS at exit is ~1.2 MiB (127 MiB short); a tracer that stops
 * only at munmap never sees the drop, since there is no munmap.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak of 128 MiB touched then dropped by MADV_DONTNEED", async () => {
  const { r, t, argv } = await runFixture("madvise_drop", ["dontneed"]);
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 1);
  assert.equal(r.processes[0].argv, argv);
  assert.ok(t.peak - t.after >= 120 * MiB, `fixture dropped only ${t.peak - t.after} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test.run();
