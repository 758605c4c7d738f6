/**
 * A 64 MiB memfd is mapped shared and touched through the mapping, then truncated to 0;
 * the program exits with the mapping still in place. The root peak must be within 16 KiB
 * of the program's statm reading right before ftruncate.
 *
 * Why a naive tool fails: truncating drops the pages from every mapping, so RSS at exit
 * is ~1.2 MiB (63 MiB short); a tracer that watches only unmapping syscalls misses it.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak of a 64 MiB mapped memfd dropped by ftruncate(0)", async () => {
  const { r, t, argv } = await runFixture("memfd_truncate");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 1);
  assert.equal(r.processes[0].argv, argv);
  assert.ok(t.peak - t.after >= 60 * MiB, `fixture dropped only ${t.peak - t.after} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
  // The pages were shmem: the split at the peak must say so.
  assert.ok(r.processes[0].atPeak.shmem >= 60 * MiB, `atPeak.shmem = ${r.processes[0].atPeak.shmem} B`);
});

test.run();
