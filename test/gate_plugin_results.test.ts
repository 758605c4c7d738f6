/**
 * What the plugins write is what the gate reads: `bun test` with memassert/bun and `deno test`
 * with memassert/deno append their results to $MEMASSERT_REPORT (JSON Lines), and `memassert
 * gate` makes a baseline of them with -u, then fails the case that grew, by its id (the test
 * file relative to the project root, the describe block and the name joined with " › ") and
 * with the tolerance the case set itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "./helpers/cli.ts";
import { inTemp } from "./helpers/gate.ts";
import { BUN, DENO, runIn } from "./helpers/runtimes.ts";

const BUN_ID = "test/fixtures/bun/gate_keeps.test.ts › gate › keeps A";
const DENO_ID = "test/fixtures/deno/gate_keeps_test.ts › keeps A";

/** Both runners' results for the cases keeping `mib` MiB, appended to `report`. */
function runBoth(report: string, mib: number): void {
  const env = { MEMASSERT_REPORT: report, MEMASSERT_FIXTURE_A: String(mib) };
  const b = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./gate_keeps.test.ts"], env);
  assert.is(b.status, 0, b.all);
  const d = runIn(`${ROOT}test/fixtures/deno`, [DENO, "test", "--allow-run", "--allow-env", "gate_keeps_test.ts"], env);
  assert.is(d.status, 0, d.all);
}

test("the plugins' results file, gated: a baseline with -u, then the case that grew fails", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const before = join(dir, "before.jsonl");
    runBoth(before, 8);
    assert.is(readFileSync(before, "utf8").trim().split("\n").length, 2, "one line per case");
    const made = runCli(["gate", before, "--baseline", baseline, "-u"]);
    assert.is(made.status, 0, made.stdout + made.stderr);
    const cases = JSON.parse(readFileSync(baseline, "utf8")).cases;
    assert.equal(Object.keys(cases).sort(), [BUN_ID, DENO_ID]);

    const after = join(dir, "after.jsonl");
    runBoth(after, 24);
    const r = runCli(["gate", after, "--baseline", baseline, "--reporter", "json"]);
    assert.is(r.status, 1, r.stdout + r.stderr);
    const doc = JSON.parse(r.stdout);
    const byId = new Map(doc.results.map((c: { gate: { id: string } }) => [c.gate.id, c]));
    const bun = byId.get(BUN_ID) as { status: string; gate: { verdict: string; metrics: { metric: string; tolerance: { absolute: number; source: string } }[] } };
    assert.is(bun.status, "failed");
    assert.is(bun.gate.verdict, "regressed");
    const growth = bun.gate.metrics.find((m) => m.metric === "growth")!;
    assert.is(growth.tolerance.absolute, 512 * 1024, "the tolerance the case set itself");
    assert.match(growth.tolerance.source, /gate_keeps\.test\.ts/);
    assert.is((byId.get(DENO_ID) as { gate: { verdict: string } }).gate.verdict, "regressed");
    assert.match(r.stderr, /: 2 regressed$/m);
  }));

test.run();
