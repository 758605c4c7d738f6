/**
 * The leakRuns verdict is the least-squares slope of the heap retained over runs 2 to N: run 1
 * (where caches fill) is left out, a steady climb is its step, a flat series after a big first
 * run is 0, and among several processes the median slope decides.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { judgeLeak, slope } from "../runner/budget/leak.ts";

const KiB = 1024, MiB = 2 ** 20;

test("slope: a steady step, a flat line, noise around a line", () => {
  assert.is(slope([1, 2, 3, 4]), 1);
  assert.is(slope([7, 7, 7]), 0);
  assert.is(slope([5]), 0);
  assert.is(slope([0, 12, 18, 30]), 9.6);
});

test("a cache filled on run 1 and flat afterwards does not leak", () => {
  const v = judgeLeak([{ heapRetained: [6 * MiB, 6 * MiB + 2 * KiB, 6 * MiB + 1 * KiB, 6 * MiB + 3 * KiB], retained: [7 * MiB, 7 * MiB, 7 * MiB, 7 * MiB] }], 64 * KiB)!;
  assert.is(v.leaking, false);
  assert.ok(Math.abs(v.slope) < 2 * KiB, `slope ${v.slope}`);
  assert.is(v.runs, 4);
  assert.is(v.rssSlope, 0);
});

test("a climb of 1 MiB a run leaks, whatever run 1 kept", () => {
  const v = judgeLeak([{ heapRetained: [20 * MiB, 21 * MiB, 22 * MiB, 23 * MiB], retained: [0, 0, 0, 0] }], 64 * KiB)!;
  assert.is(v.slope, 1 * MiB);
  assert.is(v.leaking, true);
});

test("the median process by slope decides, with its own figures", () => {
  const flat = { heapRetained: [0, 0, 0], retained: [0, 0, 0] };
  const steep = { heapRetained: [0, 1 * MiB, 2 * MiB], retained: [1, 2, 3] };
  const mid = { heapRetained: [0, 0, 100 * KiB], retained: [4, 5, 6] };
  const v = judgeLeak([steep, flat, mid], 64 * KiB)!;
  assert.is(v.slope, 100 * KiB);
  assert.equal(v.retained, [4, 5, 6]);
  assert.is(v.leaking, true);
});

test("without a heap figure for every run there is no verdict", () => {
  assert.is(judgeLeak([{ heapRetained: [1, null, 3], retained: [0, 0, 0] }], 64 * KiB), null);
  assert.is(judgeLeak([], 64 * KiB), null);
});

test.run();
