/**
 * `memassert test`: a case that allocates nothing grows by less than 2 MiB; the runtime's
 * own load and start-up happen before the case's baseline is taken.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/growth/nothing.mem.ts";

test("a case that allocates nothing grows less than 2 MiB", () => {
  const r = runCli(["test", FIXTURE, "--reporter", "json"]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.is(report.results.length, 1, r.stdout);
  const [c] = report.results;
  assert.is(c.name, "allocate nothing");
  assert.is(c.status, "passed");
  assert.ok(c.growth !== null && c.growth >= 0, `growth ${c.growth} is not a size`);
  assert.ok(c.growth! < 2 * MiB, `growth ${(c.growth! / MiB).toFixed(2)} MiB (${c.growth} B) is 2 MiB or more`);
  // It did run: a measured process has a peak of its own.
  assert.ok(c.peak !== null && c.peak >= c.baseline! && c.baseline! > 8 * MiB, `peak ${c.peak}, baseline ${c.baseline}`);
});

test.run();
