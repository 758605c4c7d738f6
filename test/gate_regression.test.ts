/**
 * `memassert test --baseline FILE`: a case that grew past its tolerance fails, and the
 * message says which case, by how much, and how to accept the change on purpose; the table
 * of changed cases shows it with its baseline, figure now, change and tolerance. A case
 * that stayed put passes and is summed up in one line.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caseNamed, ID_A, inTemp, KEEPS, reportOf, testWith } from "./helpers/gate.ts";

test("a case keeping 24 MiB instead of 8 fails against its baseline; the other passes", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", baseline, "-u", "--confirm", "0"], 0);

    const r = testWith({ A: 24, B: 8 }, [KEEPS, "--baseline", baseline], 1);
    // The case line says what grew, by how much, past which tolerance, and how to accept it.
    assert.match(r.stdout, /^test\/fixtures\/mem\/gate\/keeps\.mem\.ts\n {2}✗ keeps A {2}peak /m);
    assert.match(r.stdout, /^ {6}growth \d+\.\d MiB is over its baseline of \d+\.\d MiB by 1\d\.\d MiB \([23]\.\d× the baseline\), past its tolerance of \+10 % \+ 256\.0 KiB \(at most \d+\.\d MiB; the default tolerance: see memassert --help, Baselines, to set another\)$/m);
    assert.match(r.stdout, new RegExp(`^ {6}accept it on purpose with: memassert test ${KEEPS.replace(/\./g, "\\.")} -u --baseline ${baseline.replace(/[.]/g, "\\.")}$`, "m"));
    assert.match(r.stdout, /^ {2}✓ keeps B /m);
    // The totals and the time come last, after the table.
    assert.match(r.stdout, /\n1 passed, 1 failed in \d[^\n]*\n$/);
    // The table: the regressed case with its figures, the other one summed up.
    assert.match(r.stdout, new RegExp(`^baseline ${baseline.replace(/[.]/g, "\\.")}: 1 regressed, 1 unchanged$`, "m"));
    assert.match(r.stdout, /^ {2}case +figure +baseline +now +change +tolerance +budget$/m);
    assert.match(r.stdout, new RegExp(`^✗ ${ID_A} +peak +\\d+\\.\\d MiB +\\d+\\.\\d MiB +\\+1\\d\\.\\d MiB \\(\\+\\d+\\.\\d %\\) +\\+10 % \\+ 1\\.0 MiB +-$`, "m"));
    assert.match(r.stdout, /^ +growth +\d+\.\d MiB +2\d\.\d MiB +\+1\d\.\d MiB \([23]\.\d×\) +\+10 % \+ 256\.0 KiB +-$/m);
    assert.match(r.stdout, /^1 unchanged \(within tolerance\): peak \d+\.\d MiB in all/m);
    assert.match(r.stdout, /^accept the regressions on purpose with: memassert test /m);

    // The JSON report carries the comparison, and the regression was confirmed by two more runs.
    const json = reportOf(testWith({ A: 24, B: 8 }, [KEEPS, "--baseline", baseline, "--reporter", "json"], 1));
    const a = caseNamed(json, "keeps A");
    assert.is(a.status, "failed");
    assert.is(a.gate?.verdict, "regressed");
    assert.is(a.gate?.confirmRuns, 2);
    assert.is(a.runs.length, 3, "one run and two to confirm");
    const growth = a.gate!.metrics.find((m) => m.metric === "growth")!;
    assert.ok(growth.change > 15 * 2 ** 20 && growth.change < 17 * 2 ** 20, `growth change ${growth.change}`);
    assert.is(growth.now - growth.baseline, growth.change);
    assert.is(caseNamed(json, "keeps B").gate?.verdict, "unchanged");
    assert.equal(json.gate && [json.gate.regressed, json.gate.unchanged], [1, 1]);
  }));

test.run();
