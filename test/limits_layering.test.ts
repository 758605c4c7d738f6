/**
 * `resolveOptions`: each of a case's settings comes from the most specific layer that
 * sets it (the case, then its file's defaults(), then the command line, then the config),
 * sizes are parsed, defaults fill the rest, and a bad value names the case, the layer
 * it was written in and the value.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_TIMEOUT_MS, type Declared, type Layer, resolveOptions } from "../runner/budget/limits.ts";
import { DEFAULT_TOLERANCE } from "../runner/budget/tolerance.ts";

const MiB = 2 ** 20;
const DEFAULTS = "defaults({ … }) at /p/a.mem.ts:3";
const CLI = "the command line";
const CONFIG = "memassert.config.ts (export default { … })";

const layers = (file: Layer["options"], cli: Layer["options"], config: Layer["options"]): Layer[] => [
  { options: file, source: DEFAULTS },
  { options: cli, source: CLI },
  { options: config, source: CONFIG },
];
const declared = (options: Declared["options"]): Declared => ({ name: "parse", location: "/p/a.mem.ts:7", options });

test("the case's own options win over defaults(), the command line and the config", () => {
  const r = resolveOptions(declared({ budget: "10 MiB", growth: 1024, runs: 5, timeout: 111, killAbove: "1 GiB" }), layers(
    { budget: "20 MiB", growth: "2 MiB", runs: 4, timeout: 222, killAbove: "2 GiB" },
    { runs: 3, timeout: 333, killAbove: "3 GiB" },
    { budget: "40 MiB", growth: "4 MiB", runs: 2, timeout: 444, killAbove: "4 GiB" },
  ));
  assert.equal(
    { budget: r.budget, growth: r.growth, runs: r.runs, timeout: r.timeout, killAbove: r.killAbove },
    { budget: 10 * MiB, growth: 1024, runs: 5, timeout: 111, killAbove: 2 ** 30 },
  );
  assert.is(r.source, 'test("parse", { … }) at /p/a.mem.ts:7');
  assert.is(r.killAboveSource, 'killAbove set in test("parse", { … }) at /p/a.mem.ts:7');
});

test("defaults() win over the command line and the config", () => {
  const r = resolveOptions(declared({}), layers(
    { budget: "20 MiB", runs: 4, timeout: 222 },
    { runs: 3, timeout: 333, killAbove: "3 GiB" },
    { budget: "40 MiB", growth: "4 MiB", runs: 2, timeout: 444 },
  ));
  assert.is(r.budget, 20 * MiB);
  assert.is(r.runs, 4);
  assert.is(r.timeout, 222);
  assert.is(r.source, DEFAULTS);
  assert.is(r.growth, 4 * MiB, "growth, set only in the config, comes from there");
  assert.is(r.growthSource, CONFIG);
  assert.is(r.killAbove, 3 * 2 ** 30, "killAbove, set only on the command line, comes from there");
  assert.is(r.killAboveSource, `killAbove set in ${CLI}`);
});

test("the command line wins over the config", () => {
  const r = resolveOptions(declared({}), layers({}, { runs: 3, timeout: 333 }, { growth: "4 MiB", runs: 2, timeout: 444 }));
  assert.is(r.runs, 3);
  assert.is(r.timeout, 333);
  assert.is(r.growth, 4 * MiB);
  assert.is(r.source, CONFIG);
});

test("without any layer: no limits, one run, the default timeout, never killed", () => {
  const r = resolveOptions(declared({}), []);
  assert.equal(r, {
    budget: null, growth: null, runs: 1, timeout: DEFAULT_TIMEOUT_MS, killAbove: null,
    killAboveSource: r.killAboveSource, source: "no limit set", growthSource: "no limit set",
    tolerance: { peak: DEFAULT_TOLERANCE.peak, growth: DEFAULT_TOLERANCE.growth },
    retained: null, retainedSource: "no limit set", heapRetained: null, heapRetainedSource: "no limit set",
    warmup: 0, leakRuns: null, leakPerRun: 64 * 1024, leakSource: "no limit set",
  });
  assert.is(DEFAULT_TIMEOUT_MS, 30_000);
});

test("the default kill-above is 4× the budget, or 256 MiB + 4× the growth limit", () => {
  const withBudget = resolveOptions(declared({ budget: "10 MiB", growth: "1 MiB" }), []);
  assert.is(withBudget.killAbove, 40 * MiB);
  assert.match(withBudget.killAboveSource, /4× the budget/);
  const withGrowth = resolveOptions(declared({ growth: "1 MiB" }), []);
  assert.is(withGrowth.killAbove, 260 * MiB);
  assert.match(withGrowth.killAboveSource, /256 MiB \+ 4× the growth limit/);
});

test("a size that does not parse is a SyntaxError naming the case, the layer and the value", () => {
  assert.throws(
    () => resolveOptions(declared({}), layers({}, {}, { budget: "64 mb" })),
    (e: unknown) => e instanceof SyntaxError && e.message.startsWith(`case "parse" (${CONFIG}): budget "64 mb" is not a size: `),
  );
  assert.throws(
    () => resolveOptions(declared({ growth: "lots" }), []),
    (e: unknown) => e instanceof SyntaxError && e.message.startsWith(`case "parse" (test("parse", { … }) at /p/a.mem.ts:7): growth "lots" is not a size`),
  );
  assert.throws(
    () => resolveOptions(declared({}), layers({}, { killAbove: "1 GB B" }, {})),
    (e: unknown) => e instanceof SyntaxError && e.message.startsWith(`case "parse" (${CLI}): killAbove "1 GB B" is not a size`),
  );
});

test("runs must be a whole number ≥ 1, timeout one a timer can hold: a RangeError naming the layer and the value", () => {
  for (const [options, text] of [[{ runs: 0 }, "runs must be an integer ≥ 1, got 0"], [{ runs: 1.5 }, "runs must be an integer ≥ 1, got 1.5"], [{ timeout: -1 }, "timeout must be an integer from 1 to 2147483647, got -1"], [{ timeout: 2 ** 31 }, "timeout must be an integer from 1 to 2147483647, got 2147483648"]] as const) {
    assert.throws(
      () => resolveOptions(declared({}), layers(options, {}, {})),
      (e: unknown) => e instanceof RangeError && e.message === `case "parse" (${DEFAULTS}): ${text}`,
      JSON.stringify(options),
    );
  }
});

test("an unknown key is a TypeError naming it and its layer, even where a known key wins", () => {
  assert.throws(
    () => resolveOptions(declared({ budget: "1 MiB" }), layers({}, {}, { budjet: "2 MiB" } as Layer["options"])),
    (e: unknown) => e instanceof TypeError && e.message === `case "parse" (${CONFIG}): unknown option "budjet" (use budget, growth, retained, heapRetained, runs, warmup, leakRuns, leakPerRun, timeout, killAbove, tolerance)`,
  );
});

test.run();
