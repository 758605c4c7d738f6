/**
 * `memassert test --reporter junit --outfile FILE` writes JUnit XML to FILE: a testcase per
 * case with its peak, growth and budget as properties (bytes), a failure holding the
 * explanation, and well-formed XML (checked with xmllint; skipped, saying so, without it). The terminal
 * report still goes to stdout.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatBytes } from "../runner/budget/bytes.ts";
import { runCli } from "./helpers/cli.ts";
import { skip } from "./helpers/skip.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/junit/mixed.mem.ts";
/** The XML the run wrote, for the xmllint check. */
let written = "";

/** The text of the <testcase> named `name` (as written, attribute-escaped). */
function testcase(xml: string, name: string): string {
  const start = xml.indexOf(`<testcase name="${name}"`);
  assert.ok(start >= 0, `no testcase named ${name} in\n${xml}`);
  const end = xml.indexOf("</testcase>", start);
  assert.ok(end > start, `testcase ${name} is not closed`);
  return xml.slice(start, end);
}

function property(block: string, name: string): number {
  const m = new RegExp(`<property name="${name}" value="(-?\\d+)"/>`).exec(block);
  assert.ok(m, `no property ${name} in\n${block}`);
  return Number(m[1]);
}

test("--reporter junit --outfile writes JUnit XML with figures and the failure", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-junit-"));
  const file = join(dir, "memory.xml");
  try {
    const r = runCli(["test", FIXTURE, "-j", "2", "--reporter", "junit", "--outfile", file]);
    assert.is(r.status, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /^1 passed, 1 failed in \d/m, "the terminal report goes to stdout");
    assert.not.match(r.stdout, "<?xml");
    const xml = readFileSync(file, "utf8");
    written = xml;

    assert.ok(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="memassert" tests="2" failures="1" errors="0" skipped="0"`), xml);
    assert.match(xml, /<testsuite name="[^"]*\/mixed\.mem\.ts" tests="2" failures="1" errors="0" skipped="0"/);

    const fits = testcase(xml, "fits &lt;its&gt; &quot;budget&quot; &amp; growth");
    assert.is(property(fits, "budget"), 512 * MiB);
    assert.is(property(fits, "growthBudget"), 16 * MiB);
    assert.ok(property(fits, "peak") > 8 * MiB, "peak");
    assert.ok(property(fits, "growth") < 2 * MiB, "growth");
    assert.not.match(fits, "<failure");

    const keeps = testcase(xml, "keeps 8 MiB");
    assert.is(property(keeps, "budget"), 512 * MiB);
    assert.is(property(keeps, "growthBudget"), 1 * MiB);
    const growth = property(keeps, "growth");
    // The 8 MiB it keeps, less the few pages the runtime may give back after the start mark.
    assert.ok(growth >= 7.5 * MiB && growth < 10 * MiB, `growth ${growth}`);
    const failure = /<failure message="([^"]*)">([^<]*)<\/failure>/.exec(keeps);
    assert.ok(failure, `no failure in\n${keeps}`);
    // The failure's line, then the object types that grew (test/mem_object_types.test.ts).
    assert.match(failure[2], /^growth \d+\.\d MiB is over its limit of 1\.0 MiB by \d+\.\d MiB .*; the limit is set in test\("keeps 8 MiB", \{ … \}\) at .*mixed\.mem\.ts:\d+\n(object types that grew most|no object type grew)/);
    assert.match(failure[1], /^growth \d+\.\d MiB is over its limit of 1\.0 MiB by /);
    // The failure's figure and the growth property are the same measurement, said two ways.
    assert.ok(failure[2].startsWith(`growth ${formatBytes(growth)} is over`), `growth ${growth} B vs ${failure[2]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the JUnit file is well-formed XML, by xmllint", (ctx) => {
  assert.ok(written.startsWith("<?xml"), "the test above wrote no XML");
  const lint = spawnSync("xmllint", ["--noout", "-"], { input: written, encoding: "utf8" });
  if (lint.error) return skip(ctx, "xmllint is not installed (apt-get install libxml2-utils, or bash test/provision.sh)");
  assert.is(lint.status, 0, `xmllint rejects the report:\n${lint.stderr}`);
  assert.is(lint.stderr, "");
});

test.run();
