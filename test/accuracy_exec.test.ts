/**
 * The program touches 100 MiB, writes its RSS, then execs /bin/true without freeing.
 * The root peak must be within 16 KiB of that reading, and the root process must show
 * both images.
 *
 * Why a naive tool fails: execve throws the old address space away, so RSS at exit and
 * /proc/PID/status VmHWM (both of the /bin/true image) are ~1 MiB, 99 MiB short.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak keeps the 100 MiB of the image that exec'd /bin/true", async () => {
  const { r, t, argv } = await runFixture("exec_after_alloc");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 1);
  const p = r.processes[0];
  assert.equal(p.images, [argv, ["/bin/true"]]);
  assert.equal(p.argv, ["/bin/true"]);
  assert.ok(t.peak >= 100 * MiB, `fixture peaked at only ${t.peak} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test.run();
