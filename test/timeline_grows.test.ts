/**
 * A program that only grows (maps 64 MiB and touches it over ~400 ms, never freeing) makes
 * no stop before its exit, yet its timeline is a curve: the sampler thread reads it every
 * interval, in each mode. The exact peak stays the stops' figure, and no sample is above it.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeasureResult } from "../runner/measure/result.ts";
import { runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";

const MiB = 2 ** 20;

for (const mode of ["exact", "fast", "sample"]) {
  test(`${mode}: a ramp without a single free is drawn as a ramp`, () => {
    const r = runCli(["run", "--quiet", "--mode", mode, "--timeline", "--interval", "10", "--json", "--", compileFixture("ramp"), "64", "400"]);
    assert.is(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as MeasureResult;
    const t = result.timeline!;
    assert.is(t.intervalMs, 10);
    // The loader makes a few stops at start-up; the 400 ms of growth make none.
    if (mode === "exact") assert.ok(result.stops < 10, `stops: ${result.stops}`);
    // Up to the peak, that is until it exits holding its memory (which then falls to nothing).
    const during = t.tree.filter(([ms]) => ms > 50 && ms <= t.peakMs);
    assert.ok(during.length >= 15, `samples while it grew: ${during.length} in ${result.wallMs} ms`);
    // Rising: each reading at least the one ten readings before it, and the last ones near 64 MiB.
    for (let i = 10; i < during.length; i++) assert.ok(during[i][1] >= during[i - 10][1], `falls at ${during[i][0]} ms`);
    assert.ok(during[during.length - 1][1] - during[0][1] > 32 * MiB, "it grew by more than half of 64 MiB meanwhile");
    const highest = Math.max(...t.tree.map(([, v]) => v));
    if (mode === "exact") {
      assert.is(highest, result.tree.peakRss, "the highest reading is the exact peak");
      assert.ok(t.tree.some(([ms, v]) => ms === t.peakMs && v === result.tree.peakRss), "the peak's time is a reading's");
    }
  });
}

test.run();
