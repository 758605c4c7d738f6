/**
 * `--reporter junit` against a baseline: each testcase carries the baseline's figures, the
 * change and the tolerance as properties, and, since GitLab shows only the failure text and
 * system-out, the same in words in <system-out> (a regression also in the <failure>).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { inTemp, KEEPS, testWith } from "./helpers/gate.ts";

function testcase(xml: string, name: string): string {
  const start = xml.indexOf(`<testcase name="${name}"`);
  assert.ok(start >= 0, `no testcase ${name} in\n${xml}`);
  return xml.slice(start, xml.indexOf("</testcase>", start));
}

function property(block: string, name: string): string {
  const m = new RegExp(`<property name="${name}" value="([^"]*)"/>`).exec(block);
  assert.ok(m, `no property ${name} in\n${block}`);
  return m[1];
}

test("baseline, change and tolerance as properties, in the failure and in system-out", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const xmlFile = join(dir, "memory.xml");
    testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", baseline, "-u", "--confirm", "0"], 0);
    const r = testWith({ A: 24, B: 8 }, [KEEPS, "--baseline", baseline, "--confirm", "0", "--outfile", xmlFile], 1);
    assert.match(r.stdout, /1 regressed/);
    const xml = readFileSync(xmlFile, "utf8");
    const before = JSON.parse(readFileSync(baseline, "utf8")).cases;

    const a = testcase(xml, "keeps A");
    assert.is(property(a, "gate"), "regressed");
    const id = `${KEEPS} › keeps A`;
    assert.is(Number(property(a, "baselinePeak")), before[id].peak);
    assert.is(Number(property(a, "baselineGrowth")), before[id].growth);
    assert.is(Number(property(a, "growthChange")), Number(property(a, "growth")) - before[id].growth);
    assert.is(property(a, "peakTolerance"), "+10 % + 1.0 MiB");
    assert.is(property(a, "growthTolerance"), "+10 % + 256.0 KiB");
    assert.is(Number(property(a, "growthAllowed")), Math.floor(before[id].growth * 1.1 + 256 * 1024));
    assert.match(a, /<failure message="(peak|growth) \d+\.\d MiB is over its baseline of \d+\.\d MiB by 1\d\.\d MiB[^"]*">[^<]*\ngrowth [^<]* is over its baseline of /);
    assert.match(a, /<system-out>against the baseline: peak \d+\.\d MiB → \d+\.\d MiB \(\+\d+\.\d MiB, \+\d+\.\d %\), tolerance \+10 % \+ 1\.0 MiB \(at most \d+\.\d MiB\): (regressed|unchanged)\nagainst the baseline: growth .*: regressed/);

    const b = testcase(xml, "keeps B");
    assert.is(property(b, "gate"), "unchanged");
    assert.not.match(b, /<failure/);
    assert.match(b, /<system-out>against the baseline: peak .*: unchanged\nagainst the baseline: growth .*: unchanged<\/system-out>/);

    const lint = spawnSync("xmllint", ["--noout", xmlFile], { encoding: "utf8" });
    if (lint.error) console.log(`  note: xmllint is not installed (${lint.error.message}); the XML was not validated`);
    else assert.is(lint.status, 0, lint.stderr);
  }));

test.run();
