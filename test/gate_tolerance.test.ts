/**
 * Tolerances: "+5% 512KiB", "+5%", "1MiB" parse, a part left out keeping its default; a
 * malformed one is refused with its value, where it was set and the form to use, from the
 * command line (exit 2) or a case's options (the file is reported as not loaded). A case's
 * own tolerance wins over the command line's, which wins over the default.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { resolveTolerances } from "../runner/budget/limits.ts";
import { allowed, DEFAULT_TOLERANCE, formatTolerance, parseTolerance } from "../runner/budget/tolerance.ts";
import { runCli } from "./helpers/cli.ts";
import { caseNamed, inTemp, KEEPS, reportOf, testWith } from "./helpers/gate.ts";

const KiB = 1024, MiB = 2 ** 20;
const OWN = "test/fixtures/mem/gate/own_tolerance.mem.ts";

test("the forms of a tolerance, and the defaults", () => {
  assert.equal(parseTolerance("+5% 512KiB"), { relative: 0.05, absolute: 512 * KiB });
  assert.equal(parseTolerance("512 KiB +5 %"), { relative: 0.05, absolute: 512 * KiB });
  assert.equal(parseTolerance("2.5%"), { relative: 0.025, absolute: null });
  assert.equal(parseTolerance("1MiB"), { relative: null, absolute: MiB });
  assert.equal(parseTolerance("0"), { relative: null, absolute: 0 });
  for (const bad of ["", "%", "5 %% 1MiB", "five percent", "+5% 1 MB B", "1MiB5%"]) {
    assert.throws(() => parseTolerance(bad), (e: Error) => e instanceof SyntaxError && e.message.includes(`"${bad}"`) && /e\.g\. "\+10% 1MiB"/.test(e.message), bad);
  }
  assert.equal([DEFAULT_TOLERANCE.peak.relative, DEFAULT_TOLERANCE.peak.absolute, DEFAULT_TOLERANCE.growth.absolute], [0.1, MiB, 256 * KiB]);
  assert.is(allowed(100 * MiB, DEFAULT_TOLERANCE.peak), 111 * MiB);
  assert.is(formatTolerance(DEFAULT_TOLERANCE.growth), "+10 % + 256.0 KiB");
  const t = resolveTolerances([{ options: { tolerance: { growth: "+1%" } }, source: "a case" }, { options: { tolerance: "2MiB" }, source: "the command line" }]);
  assert.equal(t.growth, { relative: 0.01, absolute: 256 * KiB, source: "a case" });
  assert.equal(t.peak, { relative: 0.1, absolute: 2 * MiB, source: "the command line" });
});

test("malformed tolerances name their value, where they are set and the fix", () => {
  const r = runCli(["test", KEEPS, "--tolerance", "ten percent"]);
  assert.is(r.status, 2);
  assert.match(r.stderr, /^memassert: --tolerance "ten percent": "ten percent" is not a size \(write a percentage and\/or a size, e\.g\. "\+10% 1MiB"/);
  const bad = runCli(["test", "test/fixtures/mem/gate_bad/tolerance.mem.ts"]);
  assert.is(bad.status, 1);
  assert.match(bad.stdout, /could not be loaded\n {4}case "a typo in its tolerance" \(test\("a typo in its tolerance", \{ … \}\) at .*tolerance\.mem\.ts:4\): Cannot parse tolerance "\+5 pc": "\+5 pc" is not a size \(write a percentage and\/or a size/);
});

test("a case's tolerance wins over its file's defaults(), which win over the command line's", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const files = [KEEPS, OWN];
    testWith({ A: 8, B: 8 }, [...files, "--baseline", baseline, "-u", "--confirm", "0"], 0);
    // 8 → 11 MiB of growth: +37 %.
    const r = reportOf(testWith({ A: 11, B: 11 }, [...files, "--baseline", baseline, "--tolerance", "+50%", "--reporter", "json", "--confirm", "0"], 1));
    assert.is(caseNamed(r, "keeps A").gate?.verdict, "unchanged");
    assert.equal(caseNamed(r, "keeps A").tolerance?.growth, { relative: 0.5, absolute: 256 * KiB, source: "the command line" });
    assert.is(caseNamed(r, "own tolerance").gate?.verdict, "regressed");
    assert.equal(caseNamed(r, "own tolerance").tolerance?.growth.relative, 0.05);
    assert.match(caseNamed(r, "own tolerance").failure ?? "", /; set in test\("own tolerance", \{ … \}\) at .*own_tolerance\.mem\.ts:\d+/);
    assert.is(caseNamed(r, "file tolerance").gate?.verdict, "unchanged");
    assert.match(caseNamed(r, "file tolerance").tolerance?.growth.source ?? "", /^defaults\(\{ … \}\) at .*own_tolerance\.mem\.ts:6$/);
  }));

test.run();
