/**
 * `memassert test` collects the garbage a test file leaves while loading before its case
 * starts: a file that drops 64 MiB of written buffers at load has, for an empty case, the
 * same baseline and peak as a file that leaves nothing (within 8 MiB), run in the same
 * `memassert test`. The fixture checks that its garbage was resident.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;

test("garbage left by loading a file is in neither the baseline nor the peak of its case", () => {
  const r = runCli(["test", "test/fixtures/mem/garbage/garbage.mem.ts", "test/fixtures/mem/growth/nothing.mem.ts", "--reporter", "json"]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.fileErrors, []);
  const garbage = report.results.find((c) => c.name === "allocate nothing after a file that left garbage")!;
  const clean = report.results.find((c) => c.name === "allocate nothing")!;
  assert.ok(garbage && clean, r.stdout);
  const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
  assert.ok(garbage.peak! - clean.peak! < 8 * MiB, `peak ${mib(garbage.peak!)} after garbage, ${mib(clean.peak!)} without`);
  assert.ok(garbage.baseline! - clean.baseline! < 8 * MiB, `baseline ${mib(garbage.baseline!)} after garbage, ${mib(clean.baseline!)} without`);
});

test.run();
