/**
 * A baseline made elsewhere (another kernel, runtime or C library) is compared all the same,
 * with a warning naming what differs; --strict-environment makes that a failure. Nothing is
 * widened: the tolerance stays what it was.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { inTemp, KEEPS, reportOf, testWith } from "./helpers/gate.ts";

test("a different environment warns, or fails with --strict-environment", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    testWith({}, [KEEPS, "--baseline", baseline, "-u", "--confirm", "0"], 0);
    const doc = JSON.parse(readFileSync(baseline, "utf8"));
    const kernel = doc.environment.kernel;
    doc.environment.kernel = "5.10.0-old";
    doc.environment.libc = "glibc 2.31";
    writeFileSync(baseline, JSON.stringify(doc));

    const warned = testWith({}, [KEEPS, "--baseline", baseline, "--confirm", "0"], 0);
    assert.match(warned.stdout, new RegExp(`^the environment differs from the baseline's: kernel 5\\.10\\.0-old → ${kernel.replace(/[.+]/g, "\\$&")}, libc glibc 2\\.31 → glibc [\\d.]+; figures may move for that; --strict-environment makes this a failure$`, "m"));
    const json = reportOf(testWith({}, [KEEPS, "--baseline", baseline, "--confirm", "0", "--reporter", "json"], 0));
    assert.is(json.gate?.environment.length, 2);
    assert.ok(json.results.every((r) => r.tolerance?.peak.relative === 0.1), "nothing widened");

    const strict = testWith({}, [KEEPS, "--baseline", baseline, "--confirm", "0", "--strict-environment"], 1);
    assert.match(strict.stdout, /kernel 5\.10\.0-old → .*; this fails the run \(--strict-environment\)$/m);
    assert.match(strict.stdout, /^2 passed, 0 failed in \d/m, "every case passed: the environment failed the run");

    // -u in the new environment writes every case again, and the environment with them.
    doc.cases[`${KEEPS} › keeps A`].peak += 4096;
    writeFileSync(baseline, JSON.stringify(doc));
    const u = testWith({}, [KEEPS, "--baseline", baseline, "--confirm", "0", "-u"], 0);
    assert.match(u.stdout, /updated: (\d raised, \d lowered|2 raised|2 lowered)$/m);
    const after = JSON.parse(readFileSync(baseline, "utf8"));
    assert.is(after.environment.kernel, kernel);
    assert.not.equal(after.cases, doc.cases);
  }));

test.run();
