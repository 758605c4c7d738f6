/**
 * The program touches 128 MiB, writes its RSS and sends itself SIGKILL. The result must
 * say it died of SIGKILL with no exit code, and the root peak must be within 16 KiB of
 * the reading taken right before the kill.
 *
 * Why a naive tool fails: there is no exit_group, no atexit, and a SIGKILLed process has
 * no /proc entry left to read VmHWM from once the death is reported; a tracer that reads
 * memory only at syscalls it filters (munmap, brk, exit_group…) never sees the 128 MiB.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture } from "./helpers/truth.ts";

test("root peak and SIGKILL of a program that kills itself at its peak", async () => {
  const { r, t } = await runFixture("kill_self");
  assert.is(r.signal, "SIGKILL");
  assert.is(r.exitCode, null);
  assert.is(r.processes.length, 1);
  assert.is(r.processes[0].signal, "SIGKILL");
  assert.is(r.processes[0].exitCode, null);
  assert.is(r.interrupted, null, "the program killed itself: memassert did not cut the run short");
  assert.ok(t.peak >= 128 * MiB, `fixture peaked at only ${t.peak} B`);
  near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
});

test.run();
