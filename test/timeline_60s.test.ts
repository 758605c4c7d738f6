/**
 * A 60-second run sampled every 10 ms (~6 000 samples and ~450 stops) keeps its timeline
 * within the stated bound: at most 2 048 readings, for the tree and for each process. The
 * exact peak, both ends of the run and the saw's shape (a fall every cycle) survive the
 * thinning, and memassert's own peak RSS over the minute is that of a 1-second run, within
 * 16 MiB (measured from outside, by a memassert in sample mode).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeasureResult } from "../runner/measure/result.ts";
import { MAX_ROWS } from "../runner/trace/timeline.ts";
import { cliCommand, runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";

const MiB = 2 ** 20;

/** memassert's own peak RSS, and its result, for a saw of 16 MiB every ~0.1 s lasting `seconds`. */
function traced(dir: string, seconds: number): { self: number; result: MeasureResult } {
  const outer = join(dir, `outer-${seconds}.json`), inner = join(dir, `inner-${seconds}.json`);
  const r = runCli([
    "run", "--quiet", "--mode", "sample", `--json=${outer}`, "--",
    ...cliCommand(), "run", "--quiet", "--timeline", "--interval", "10", `--json=${inner}`, "--",
    compileFixture("ramp"), "16", "100", "0", String(seconds),
  ], { timeoutMs: (seconds + 60) * 1000 });
  assert.is(r.status, 0, r.stderr);
  return { self: JSON.parse(readFileSync(outer, "utf8")).root.peakRss, result: JSON.parse(readFileSync(inner, "utf8")) };
}

test("a minute sampled every 10 ms stays within 2048 readings and memassert's memory does not grow", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-60s-"));
  try {
    const short = traced(dir, 1);
    const { self, result } = traced(dir, 60);
    const t = result.timeline!;
    assert.ok(result.wallMs >= 60_000, `ran ${result.wallMs} ms`);
    assert.is(t.maxPoints, MAX_ROWS);
    assert.ok(t.tree.length <= MAX_ROWS, `tree readings: ${t.tree.length}`);
    assert.ok(t.tree.length >= MAX_ROWS / 4, `not thinned more than needed: ${t.tree.length}`);
    for (const p of t.processes) assert.ok(p.points.length <= MAX_ROWS, `process ${p.pid}: ${p.points.length}`);
    assert.is(Math.max(...t.tree.map(([, v]) => v)), result.tree.peakRss, "the exact peak is kept");
    assert.ok(t.tree[0][0] < 100 && t.tree[t.tree.length - 1][0] > result.wallMs - 100, "from start to end");
    const falls = t.tree.filter(([, v], i) => i > 0 && v < t.tree[i - 1][1] - 8 * MiB).length;
    assert.ok(falls > 200, `the saw's falls: ${falls} for ${result.stops} stops`);
    assert.ok(self < short.self + 16 * MiB, `memassert's own peak: ${self} B over a minute, ${short.self} B over a second`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
