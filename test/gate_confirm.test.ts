/**
 * `--confirm N`: a case that looks like a regression is re-run N more times (default 2), and
 * fails only when every confirming run regresses too: a one-off heavy run passes, reported
 * with its looks; with --confirm 0 the same one-off fails at once.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caseNamed, inTemp, reportOf, testWith } from "./helpers/gate.ts";

const FILE = "test/fixtures/mem/gate/first_run_heavy.mem.ts";

test("a one-off heavy run is re-run and cleared; without confirmation it fails", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const counter = (name: string, start: number) => {
      const d = join(dir, name);
      mkdirSync(d);
      writeFileSync(join(d, "runs"), String(start));
      return { MEMASSERT_FIXTURE_DIR: d };
    };
    // The baseline from runs past the first: 8 MiB (three runs: -u confirms what it writes).
    testWith({}, [FILE, "--baseline", baseline, "-u"], 0, { env: counter("made", 1) });
    assert.is(readFileSync(join(dir, "made/runs"), "utf8"), "4");

    const env = counter("confirmed", 0);
    const r = reportOf(testWith({}, [FILE, "--baseline", baseline, "--reporter", "json"], 0, { env }));
    assert.is(readFileSync(join(env.MEMASSERT_FIXTURE_DIR, "runs"), "utf8"), "3", "one run and two to confirm");
    const c = caseNamed(r, "heavy once");
    assert.is(c.status, "passed", c.failure ?? "");
    assert.is(c.gate?.verdict, "unchanged");
    assert.is(c.gate?.confirmRuns, 2);
    const growth = c.gate!.metrics.find((m) => m.metric === "growth")!;
    assert.is(growth.looks?.length, 3);
    assert.ok(growth.looks![0] > growth.allowed && growth.looks![1] <= growth.allowed, JSON.stringify(growth));

    const once = reportOf(testWith({}, [FILE, "--baseline", baseline, "--reporter", "json", "--confirm", "0"], 1, { env: counter("unconfirmed", 0) }));
    assert.is(caseNamed(once, "heavy once").gate?.verdict, "regressed");
    assert.is(caseNamed(once, "heavy once").runs.length, 1);
  }));

test.run();
