/**
 * A parent's PSS is read while it shares 64 MiB with its child; the child exits, and the
 * parent, alone again, writes 8 MiB more and frees them. At that peak its PSS is all its
 * RSS: root and tree peakPss within 16 KiB of its own reading there.
 *
 * Why a shortcut fails: a child's exit changes nothing in the parent's RSS, but gives it
 * back the pages they shared. Deriving the parent's PSS from the reading made while they
 * shared (half the 64 MiB) plus its growth since is 32 MiB short.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture, PSS_TOLERANCE } from "./helpers/truth.ts";

test("PSS of a parent alone again after its child exits counts the pages they shared", async () => {
  const { r, t } = await runFixture("pss_child_exit");
  assert.is(r.exitCode, 0);
  assert.is(r.processes.length, 2);
  assert.ok(t.pss >= 72 * MiB, `fixture: the parent's 72 MiB are not all its own (RSS ${t.rss} B, PSS ${t.pss} B)`);
  near(r.root.peakRss, t.rss, ROOT_TOLERANCE, "root peakRss");
  near(r.root.peakPss, t.pss, PSS_TOLERANCE, "root peakPss");
  near(r.tree.peakPss, t.pss, PSS_TOLERANCE, "tree peakPss");
});

test.run();
