/**
 * `judge`: a case's verdict from its runs. Its figures are the medians of the runs (the
 * mean of the middle two for an even count); a figure at its limit passes and one byte
 * over fails, for the peak's budget and for growth alike; the failure says which, by how
 * much and where the limit is set; the output kept is the failing run's.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { judge } from "../runner/budget/judge.ts";
import type { CaseRef, ResolvedOptions, RunMeasure, RunOutcome } from "../runner/budget/types.ts";

const MiB = 2 ** 20;

function ref(limits: Partial<ResolvedOptions>): CaseRef {
  return {
    file: "/p/a.mem.ts", name: "parse", location: "/p/a.mem.ts:7",
    options: { budget: null, growth: null, runs: 1, timeout: 1000, killAbove: null, killAboveSource: "", source: "a.mem.ts:7", growthSource: "a.mem.ts:7", retained: null, retainedSource: "", heapRetained: null, heapRetainedSource: "", warmup: 0, leakRuns: null, leakPerRun: 65536, leakSource: "", ...limits },
  };
}
function ran(peak: number, baseline: number, output = ""): RunOutcome {
  const measure: RunMeasure = { peak, growth: peak - baseline, baseline, treePeak: peak + 100, wallMs: 5 };
  return { measure, error: null, output };
}

test("an odd number of runs is judged on the middle figures, not the mean or the last", () => {
  const r = judge(ref({}), [ran(50 * MiB, 40 * MiB), ran(90 * MiB, 41 * MiB), ran(60 * MiB, 39 * MiB)], 12.4);
  assert.is(r.peak, 60 * MiB);
  // Each figure is its own median: growths 10, 49 and 21 MiB give 21, from another run than the peak.
  assert.is(r.growth, 21 * MiB);
  assert.is(r.baseline, 40 * MiB);
  assert.is(r.treePeak, 60 * MiB + 100);
  assert.is(r.runs.length, 3);
  assert.is(r.wallMs, 12);
});

test("an even number of runs is judged on the mean of the middle two, rounded", () => {
  const r = judge(ref({}), [ran(10, 0), ran(40, 0), ran(21, 0), ran(1000, 0)], 1);
  assert.is(r.peak, 31, "(21 + 40) / 2 = 30.5, rounded");
  assert.is(r.growth, 31);
});

test("a peak exactly at its budget passes; one byte over fails with the figure, the excess and where the limit is set", () => {
  const at = judge(ref({ budget: 20 * MiB }), [ran(20 * MiB, 10 * MiB)], 1);
  assert.is(at.status, "passed", at.failure ?? "");
  assert.is(at.failure, null);
  assert.is(at.headroom, 0);
  const over = judge(ref({ budget: 20 * MiB }), [ran(20 * MiB + 1, 10 * MiB)], 1);
  assert.is(over.status, "failed");
  assert.is(over.headroom, -1);
  assert.is(over.failure, "peak 20.0 MiB is over its limit of 20.0 MiB by 1 B (+0.0 %); the limit is set in a.mem.ts:7");
});

test("a growth exactly at its limit passes; one byte over fails", () => {
  const at = judge(ref({ growth: 8 * MiB }), [ran(48 * MiB, 40 * MiB)], 1);
  assert.is(at.status, "passed", at.failure ?? "");
  const over = judge(ref({ growth: 8 * MiB }), [ran(48 * MiB + 1, 40 * MiB)], 1);
  assert.is(over.status, "failed");
  assert.match(over.failure ?? "", /^growth 8\.0 MiB is over its limit of 8\.0 MiB by 1 B/);
});

test("a case far over its budget fails, even when its growth is within its limit", () => {
  const peak = Math.round(39.6 * MiB);
  const r = judge(ref({ budget: 20 * MiB, growth: 64 * MiB }), [ran(peak, 30 * MiB)], 1);
  assert.is(r.status, "failed");
  assert.match(r.failure ?? "", /^peak 39\.6 MiB is over its limit of 20\.0 MiB by 19\.6 MiB \(\+98\.0 %\)/);
  assert.is(r.headroom, 20 * MiB - peak, "the tightest limit gives the headroom");
});

test("a case over both limits says both, the peak first, with the number of runs", () => {
  const runs = [ran(30 * MiB, 10 * MiB), ran(31 * MiB, 10 * MiB), ran(32 * MiB, 10 * MiB)];
  const r = judge(ref({ budget: 20 * MiB, growth: 8 * MiB }), runs, 1);
  const lines = (r.failure ?? "").split("\n");
  assert.is(lines.length, 2, r.failure ?? "");
  assert.match(lines[0], /^peak 31\.0 MiB \(median of 3 runs\) is over its limit of 20\.0 MiB/);
  assert.match(lines[1], /^growth 21\.0 MiB \(median of 3 runs\) is over its limit of 8\.0 MiB/);
});

test("the median decides, not the worst run", () => {
  const r = judge(ref({ budget: 20 * MiB }), [ran(19 * MiB, 0), ran(50 * MiB, 0), ran(18 * MiB, 0)], 1);
  assert.is(r.status, "passed", r.failure ?? "");
});

test("a passed case keeps no output; a case over its limit keeps its last run's", () => {
  const passed = judge(ref({ budget: 20 * MiB }), [ran(1, 0, "first"), ran(2, 0, "second")], 1);
  assert.is(passed.output, "");
  const over = judge(ref({ budget: 1 }), [ran(10, 0, "first"), ran(20, 0, "second"), ran(30, 0, "third")], 1);
  assert.is(over.output, "third");
});

test("a run that threw fails the case with its error and output, whatever the figures", () => {
  const threw: RunOutcome = { measure: { peak: 1, growth: 1, baseline: 0, treePeak: 1, wallMs: 1 }, error: "Error: boom", output: "thrown run" };
  const r = judge(ref({ budget: 20 * MiB }), [ran(1, 0, "fine run"), threw, ran(1, 0, "last run")], 1);
  assert.is(r.status, "failed");
  assert.is(r.failure, "Error: boom");
  assert.is(r.output, "thrown run");
  const dead: RunOutcome = { measure: null, error: "timed out after 1000 ms", output: "dead run" };
  const d = judge(ref({}), [dead], 1);
  assert.is(d.status, "failed");
  assert.equal([d.peak, d.growth, d.baseline, d.treePeak, d.headroom], [null, null, null, null, null]);
  assert.is(d.output, "dead run");
});

test("without limits a case passes and has no headroom", () => {
  const r = judge(ref({}), [ran(500 * MiB, 0)], 1);
  assert.is(r.status, "passed");
  assert.is(r.headroom, null);
});

test.run();
