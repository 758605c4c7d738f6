/**
 * Against a baseline, improvements, new cases and removed cases are reported, and fail
 * nothing; `-u` writes them into the baseline and prints what changed, leaving the entries
 * of cases within their tolerance exactly as they were, so that a review diff shows only
 * what moved. Without a baseline file, an explicit --baseline is an error that creates
 * nothing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { caseNamed, ID_A, ID_B, inTemp, KEEPS, reportOf, testWith } from "./helpers/gate.ts";

const GONE = `${KEEPS} › a case that was deleted`;
const ELSEWHERE = "test/fixtures/mem/elsewhere.mem.ts › not looked at";

test("improved, new and removed cases are reported; -u accepts them and keeps the rest as it was", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const missing = testWith({}, [KEEPS, "--baseline", baseline], 2);
    assert.match(missing.stderr, /--baseline ".*baseline\.json": no such file \(create it with -u, e\.g\. memassert test .* -u --baseline /);
    assert.ok(!existsSync(baseline), "a missing baseline is never created without -u");

    const made = testWith({ A: 40, B: 8 }, [KEEPS, "--baseline", baseline, "-u", "--confirm", "0"], 0);
    assert.match(made.stdout, new RegExp(`^baseline .* created: 2 added$`, "m"));
    const doc = JSON.parse(readFileSync(baseline, "utf8"));
    const b = doc.cases[ID_B];
    // B leaves the baseline; a deleted case and a case outside the run's paths come in.
    delete doc.cases[ID_B];
    doc.cases[GONE] = { peak: 50 << 20, growth: 1 << 20 };
    doc.cases[ELSEWHERE] = { peak: 60 << 20, growth: 2 << 20 };
    writeFileSync(baseline, JSON.stringify(doc));

    const r = reportOf(testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", baseline, "--reporter", "json"], 0));
    assert.is(caseNamed(r, "keeps A").gate?.verdict, "improved");
    assert.is(caseNamed(r, "keeps A").status, "passed");
    assert.is(caseNamed(r, "keeps B").gate?.verdict, "new");
    assert.equal(r.gate?.removed, [GONE], "only what the run looked for and did not find is removed");
    assert.equal([r.gate?.improved, r.gate?.new, r.gate?.regressed], [1, 1, 0]);

    const text = testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", baseline], 0).stdout;
    assert.match(text, /: 1 improved, 1 new, 1 removed$/m);
    assert.match(text, new RegExp(`^↓ ${ID_A} +peak .* \\(-\\d+\\.\\d %\\)`, "m"));
    assert.match(text, new RegExp(`^\\+ ${ID_B} +peak +- +\\d+\\.\\d MiB +new`, "m"));
    assert.match(text, new RegExp(`^- ${GONE} +peak +50\\.0 MiB +- +removed`, "m"));

    const u = testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", baseline, "-u", "--confirm", "0"], 0);
    assert.match(u.stdout, /updated: 1 lowered, 1 added, 1 removed$/m);
    assert.match(u.stdout, new RegExp(`^ {2}lowered ${ID_A} {2}peak \\d+\\.\\d MiB → \\d+\\.\\d MiB, growth 4\\d\\.\\d MiB → \\d\\.\\d MiB$`, "m"));
    assert.match(u.stdout, new RegExp(`^ {2}removed ${GONE} {2}peak was 50\\.0 MiB, growth was 1\\.0 MiB$`, "m"));
    const after = JSON.parse(readFileSync(baseline, "utf8")).cases;
    assert.equal(Object.keys(after).sort(), [ELSEWHERE, ID_A, ID_B].sort());
    assert.equal(after[ELSEWHERE], { peak: 60 << 20, growth: 2 << 20 }, "an entry outside the run is kept as it was");
    assert.ok(Math.abs(after[ID_B].growth - b.growth) < 2 << 20, "B added at what it keeps");

    // Nothing past its tolerance: -u leaves the file byte for byte as it was.
    const before = readFileSync(baseline, "utf8");
    const same = testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", baseline, "-u", "--confirm", "0"], 0);
    assert.match(same.stdout, /: nothing to change$/m);
    assert.is(readFileSync(baseline, "utf8"), before);
  }));

test.run();
