/**
 * `warmup: N` runs a case's body N times before its start mark, unmeasured: a loop over a 1 MiB
 * buffer that keeps nothing grows by the JIT's code and compiler memory on its first run (1-4
 * MiB), and by almost nothing once warmed up.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const KiB = 1024;

test("warmup: 1 removes the growth the first run's JIT compilation adds", () => {
  const r = runCli(["test", "-j", "1", "--reporter", "json", "test/fixtures/mem/warmup/jit.mem.ts"]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  const growth = (name: string) => report.results.find((c) => c.name === name)!.growth!;
  const cold = growth("loop over a 1 MiB buffer, cold");
  const warm = growth("loop over a 1 MiB buffer, warmup 1");
  assert.ok(cold >= 512 * KiB, `cold growth ${cold}`);
  assert.ok(warm <= cold / 2 && warm < 1024 * KiB, `warm growth ${warm} against cold ${cold}`);
});

test("a warm-up run that throws fails the case, saying so", () => {
  const r = runCli(["test", "--reporter", "json", "test/fixtures/mem/warmup/throws.mem.ts"]);
  assert.is(r.status, 1, r.stderr + r.stdout);
  const [c] = (JSON.parse(r.stdout) as TestReport).results;
  assert.match(c.failure ?? "", /^a warm-up run failed: Error: cold/);
  assert.is(c.peak, null);
});

test.run();
