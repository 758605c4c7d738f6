/**
 * The HTML report, its charting library and the sampler thread load only when asked for:
 * nothing that `memassert run` or `measure()` imports statically (the code every run loads)
 * reaches them; they are reached through dynamic imports alone.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { importGraph as graph } from "./helpers/imports.ts";

const ON_DEMAND = ["runner/report/html.ts", "runner/report/vendor/uplot.ts", "runner/report/html_page.ts", "runner/trace/sampler.ts"];

test("run's and measure()'s static imports leave out the report, uPlot and the sampler", () => {
  for (const entry of ["runner/bin.ts", "runner/cli/run.ts", "runner/measure/measure.ts", "mod.ts"]) {
    const { reached } = graph(entry);
    assert.ok(reached.size > 1, `${entry} imports something`);
    for (const file of ON_DEMAND) assert.not.ok(reached.has(file), `${entry} loads ${file} on every run`);
  }
  const run = graph("runner/cli/run.ts"), measure = graph("runner/measure/measure.ts");
  assert.ok(run.dynamic.has("runner/report/html.ts"), "run imports the report when asked for");
  assert.ok(measure.dynamic.has("runner/trace/sampler.ts"), "measure() imports the sampler when asked for");
  assert.ok(graph("runner/report/html.ts").reached.has("runner/report/vendor/uplot.ts"), "the report carries uPlot");
});

test.run();
