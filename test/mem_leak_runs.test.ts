/**
 * `leakRuns: N` runs a case N times in one process, each run followed by a full GC, and judges
 * the slope of the JS heap retained over runs 2 to N: a memoising cache that fills on the first
 * run passes (its slope is ~0 though it keeps megabytes), a list that grows 1 000 entries a run
 * fails, naming its slope and every run's figure. The per-run figures are in the JSON.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CaseResult, TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";
import { loadSchema, validate } from "./helpers/schema.ts";

const KiB = 1024, MiB = 2 ** 20;
let report: TestReport | null = null;
function ran(): TestReport {
  if (report === null) {
    const r = runCli(["test", "-j", "1", "--reporter", "json", "test/fixtures/mem/leak_runs/slope.mem.ts"]);
    assert.is(r.status, 1, r.stderr + r.stdout);
    report = JSON.parse(r.stdout) as TestReport;
  }
  return report;
}
const byName = (name: string): CaseResult => ran().results.find((c) => c.name === name)!;

test("a cache that fills on the first run keeps its heap flat afterwards and passes", () => {
  const c = byName("a cache that fills once");
  assert.is(c.status, "passed", c.failure ?? "");
  const leak = c.leak!;
  assert.is(leak.runs, 6);
  assert.is(leak.heapRetained.length, 6);
  assert.is(leak.retained.length, 6);
  assert.ok(leak.heapRetained[0]! > 2 * MiB, `the first run fills the cache: ${leak.heapRetained[0]}`);
  assert.ok(Math.abs(leak.slope) < 64 * KiB, `slope ${leak.slope}`);
  assert.is(leak.leaking, false);
  assert.is(leak.heapRetained[0], c.heapRetained, "run 1 is the measured run");
});

test("a list that grows every run leaks: its slope, the limit and every run's figure", () => {
  const c = byName("listeners added on every run");
  assert.is(c.status, "failed");
  const leak = c.leak!;
  assert.is(leak.leaking, true);
  assert.ok(leak.slope > 512 * KiB && leak.slope < 4 * MiB, `slope ${leak.slope}`);
  for (let i = 1; i < leak.runs; i++) assert.ok(leak.heapRetained[i]! > leak.heapRetained[i - 1]!, `run ${i + 1}: ${leak.heapRetained}`);
  assert.ok(leak.rssSlope > 0, `RSS slope ${leak.rssSlope}`);
  assert.match(
    c.failure ?? "",
    /^heap retained grows \d+\.\d [KM]iB per run over runs 2 to 6, above the 64\.0 KiB per run allowed; after each run: (\d+\.\d [KM]iB, ){5}\d+\.\d [KM]iB; leakRuns is set in test\("listeners added on every run"/,
  );
  assert.equal(c.runs[0].leak!.heapRetained, leak.heapRetained);
});

test("the report with per-run figures is valid against the schema", () => {
  const schema = loadSchema("test-report.schema.json");
  assert.equal(validate(schema, schema, ran()), []);
});

test("leakRuns below 3 is an error naming it", () => {
  const r = runCli(["test", "--reporter", "json", "test/fixtures/mem/leak_runs/too_few.mem.ts"]);
  assert.is(r.status, 1, r.stderr + r.stdout);
  assert.match(r.stdout + r.stderr, /leakRuns must be an integer from 3 to 1000, got 2/);
});

test.run();
