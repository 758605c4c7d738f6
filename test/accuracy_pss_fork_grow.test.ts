/**
 * A parent's PSS is read while its child shares its 64 MiB (about 36 MiB); the child then
 * takes copies of those pages, making them the parent's alone again without any event of
 * the parent's, and the parent grows by 8 MiB and frees them. At that peak its PSS is all
 * its 76 MiB: its peakPss within 16 KiB of its own reading there.
 *
 * Why a shortcut fails: deriving the parent's PSS at that peak from its last reading plus
 * its growth since gives ~44 MiB; in a tree, a process's PSS changes with what the others
 * do, so it must be read.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, runFixture, PSS_TOLERANCE } from "./helpers/truth.ts";

test("PSS of a parent at a peak after its child stopped sharing its pages is read there", async () => {
  const { r, t } = await runFixture("pss_fork_grow");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 2);
  assert.ok(t["grown.pss"] - t["shared.pss"] >= 30 * MiB, `fixture: PSS ${t["shared.pss"]} B shared, ${t["grown.pss"]} B at the end`);
  near(r.root.peakPss, t["grown.pss"], PSS_TOLERANCE, "root peakPss");
});

test.run();
