/**
 * A program's PSS is read at a freeing call after it writes 64 MiB; it then maps a memfd
 * of its own and writes 1 MiB in all (too little for the tracer to read PSS again, and
 * PSS cannot be derived once its shared memory changed) and frees. Its peak PSS is the
 * last reading plus that private growth: within 16 KiB of its own reading at the peak.
 *
 * Why a lazier tracer fails: keeping the last reading as the peak's PSS is 1 MiB short.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MiB, near, ROOT_TOLERANCE, runFixture, PSS_TOLERANCE } from "./helpers/truth.ts";

test("PSS at a peak reached by a small growth since the last reading counts that growth", async () => {
  const { r, t } = await runFixture("pss_small_growth");
  assert.is(r.exitCode, 0);
  assert.ok(t.pss >= 64 * MiB, `fixture: PSS ${t.pss} B`);
  near(r.root.peakRss, t.rss, ROOT_TOLERANCE, "root peakRss");
  near(r.root.peakPss, t.pss, PSS_TOLERANCE, "root peakPss");
  near(r.tree.peakPss, t.pss, PSS_TOLERANCE, "tree peakPss");
});

test.run();
