/**
 * A failure says where the limit that was broken is set: when the budget comes from one
 * layer (the config) and the growth limit from another (the case), a growth failure
 * points at the case and a budget failure at the config.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { judge } from "../runner/budget/judge.ts";
import { resolveOptions } from "../runner/budget/limits.ts";

const MiB = 2 ** 20;
const CONFIG = "memassert.config.ts (export default { … })";
const CASE = 'test("parse", { … }) at /p/a.mem.ts:7';

const options = resolveOptions(
  { name: "parse", location: "/p/a.mem.ts:7", options: { growth: "8 MiB" } },
  [{ options: { budget: "64 MiB" }, source: CONFIG }],
);
const ref = { file: "/p/a.mem.ts", name: "parse", location: "/p/a.mem.ts:7", options };
const run = (peak: number, baseline: number) => ({ measure: { peak, growth: peak - baseline, baseline, treePeak: peak, wallMs: 1 }, error: null, output: "" });

test("a growth failure names the layer that set the growth limit", () => {
  const r = judge(ref, [run(50 * MiB, 30 * MiB)], 1);
  assert.match(r.failure ?? "", /^growth 20\.0 MiB is over its limit of 8\.0 MiB/);
  assert.ok((r.failure ?? "").endsWith(`; the limit is set in ${CASE}`), r.failure ?? "");
});

test("a budget failure names the layer that set the budget", () => {
  const r = judge(ref, [run(70 * MiB, 66 * MiB)], 1);
  assert.match(r.failure ?? "", /^peak 70\.0 MiB is over its limit of 64\.0 MiB/);
  assert.ok((r.failure ?? "").endsWith(`; the limit is set in ${CONFIG}`), r.failure ?? "");
});

test.run();
