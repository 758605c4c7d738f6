/**
 * The timeline's bound (runner/trace/timeline.ts): 100 000 readings of a saw go into at
 * most 2048 rows; the highest reading, the first and the last survive, each window keeps
 * a low and a high (the saw still looks like a saw), and no window joins readings from
 * both sides of a mark.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MAX_ROWS, TimelineRecorder } from "../runner/trace/timeline.ts";

/** A saw with a period of 100 readings, one reading per ms, and a spike at `spikeAt`. */
function saw(n: number, spikeAt: number): TimelineRecorder {
  const rec = new TimelineRecorder();
  for (let i = 0; i < n; i++) {
    const v = i === spikeAt ? 1e9 : 1000 + (i % 100) * 10;
    rec.begin(i);
    rec.value(1, v - 100);
    rec.value(2, 100);
    rec.end(v);
  }
  return rec;
}

test("100 000 readings stay within the bound, the peak and both ends kept", () => {
  const rows = saw(100_000, 54_321).rows();
  assert.ok(rows.ms.length <= MAX_ROWS, `${rows.ms.length} rows`);
  assert.ok(rows.ms.length >= MAX_ROWS / 4, `not thinned more than needed: ${rows.ms.length}`);
  assert.is(Math.max(...rows.tree), 1e9, "the spike survives");
  assert.is(rows.ms[rows.tree.indexOf(1e9)], 54_321, "at its time");
  assert.is(rows.ms[0], 0);
  assert.is(rows.ms[rows.ms.length - 1], 99_999);
  assert.is(rows.start.length, rows.ms.length + 1);
  assert.is(rows.pids.length, 2 * rows.ms.length, "each row keeps its processes");
  for (let i = 0; i < rows.ms.length; i++) {
    assert.is(rows.rss[rows.start[i]] + rows.rss[rows.start[i] + 1], rows.tree[i], `row ${i} consistent`);
  }
});

test("the saw keeps its lows and highs", () => {
  const rows = saw(100_000, -1).rows();
  const falls = rows.tree.filter((v, i) => i > 0 && v < rows.tree[i - 1] - 500).length;
  assert.ok(falls > 100, `falls kept: ${falls}`);
  assert.ok(rows.tree.includes(1000) && rows.tree.includes(1990), "the saw's bottom and top");
});

test("windows never join readings across a mark: a case's own peak survives", () => {
  // High before the mark (a runtime loading), low after it, with the case's peak at 50 060.
  const run = (mark: boolean) => {
    const rec = new TimelineRecorder();
    for (let i = 0; i < 100_000; i++) {
      if (mark && i === 50_050) rec.boundary();
      const v = i < 50_050 ? 5000 : i === 50_060 ? 1500 : 1000;
      rec.begin(i);
      rec.value(1, v);
      rec.end(v);
    }
    return rec.rows();
  };
  assert.ok(run(true).tree.includes(1500), "kept with the mark");
  assert.not.ok(run(false).tree.includes(1500), "without it, the window joining both sides drops it");
});

test.run();
