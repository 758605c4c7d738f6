/**
 * What `--explain` costs stays bounded: smaps is read at a new peak only when it passes the
 * last one explained by max(1 MiB, 1/16 of it), never at every stop. The fixture first stops
 * 2 000 times at the same peak, then 256 times at a new peak 1 MiB higher each time: the
 * explanation must be read a few dozen times, as the margin allows, not at each of the 256
 * peaks nor at each of the ~2 300 stops; and the peak it explains is within that margin of
 * the tree's peak.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { EXPLAIN_MARGIN, passesMargin } from "../runner/trace/explain.ts";
import { compileFixture } from "./helpers/compile.ts";
import { MiB } from "./helpers/truth.ts";

const STEPS = 256, CHURN = 2000;

/** How many of the peaks start, start + 1 MiB, … start + STEPS MiB the margin lets through. */
function readsAllowed(start: number): number {
  let last = 0, reads = 0;
  for (let rss = start; rss <= start + STEPS * MiB; rss += MiB) {
    if (passesMargin(rss, last)) {
      last = rss;
      reads++;
    }
  }
  return reads;
}

test("smaps is read a few dozen times over 256 new peaks and 2 256 stops", async () => {
  const r = await measure([compileFixture("explain_steps"), String(STEPS), String(CHURN)], { explain: true });
  assert.is(r.exitCode, 0);
  assert.ok(r.stops >= STEPS + CHURN, `${r.stops} stops`);
  const e = r.explain!;
  // The tree starts below 2 MiB: from there the margin lets through at most this many peaks.
  const allowed = readsAllowed(0);
  assert.ok(allowed < 70, `the margin itself allows ${allowed} reads`);
  assert.ok(e.reads >= 10 && e.reads <= allowed + 2, `read ${e.reads} times (the margin allows ${allowed}; ${STEPS} new peaks, ${r.stops} stops)`);
  assert.ok(e.treeRss <= r.tree.peakRss, "the explained peak is a peak the tree reached");
  const margin = Math.max(EXPLAIN_MARGIN.bytes, e.treeRss * EXPLAIN_MARGIN.fraction);
  assert.ok(r.tree.peakRss - e.treeRss < margin, `explained ${e.treeRss} B of a ${r.tree.peakRss} B peak: within ${margin} B`);
  const held = STEPS * MiB * (1 - EXPLAIN_MARGIN.fraction);
  assert.ok(e.treeRss >= held, `explained ${e.treeRss} B: the peaks were followed up to the end, where the fixture held ${STEPS} MiB`);
});

test.run();
