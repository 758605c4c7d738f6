/**
 * A 64 MiB mapping is touched, grown by mremap to 192 MiB (the new part touched too),
 * then shrunk by mremap to 4 MiB; the program exits without unmapping. The root peak
 * must be within 16 KiB of the program's statm reading right before the shrink.
 *
 * Why a naive tool fails: RSS at exit is ~5 MiB (188 MiB short); a tracer that stops
 * only at munmap/madvise/brk misses a shrinking mremap.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak of an mremap grown to 192 MiB then shrunk to 4 MiB", async () => {
  const { r, t, argv } = await runFixture("mremap_grow_shrink");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 1);
  assert.equal(r.processes[0].argv, argv);
  assert.ok(t.peak >= 192 * MiB, `fixture peaked at only ${t.peak} B`);
  assert.ok(t.peak - t.after >= 180 * MiB, `fixture dropped only ${t.peak - t.after} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test.run();
