import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatJUnit } from "../runner/report/junit.ts";
import type { CaseResult } from "../runner/testing/types.ts";
import { skip } from "./helpers/skip.ts";
import { overBudgetCase, passedCase, reportOf, skippedCase, thrownCase } from "./helpers/report_fixtures.ts";

// Names, failures and output as tests and programs really produce them: quotes, markup,
// colour codes, NUL, bell, form feed, a stray CDATA end and an unpaired surrogate.
const nasty = overBudgetCase({
  name: `a "quoted" <b>name</b> & 'more' \x1b[31mred\x1b[0m\x00`,
  failure: `Error: expected <div class="x"> & got ]]>\x00\x07\n    at f (a.ts:1:2)\x0c\n    at \ud800g (b.ts:3:4)`,
  output: "\x1b[2J\x1b[Hprogress\r50%\rdone\x00\n<&>\n",
});
const report = reportOf([passedCase(), nasty, thrownCase(), skippedCase()], [{ file: "test/bad<&>.test.ts", message: `SyntaxError: Unexpected token '<'\x00\n    at load` }]);
const xml = formatJUnit(report);

/** Runs xmllint on the XML; null when xmllint is not installed. */
function xmllint(args: string[]): { status: number | null; stdout: string; stderr: string } | null {
  const run = spawnSync("xmllint", [...args, "-"], { input: xml, encoding: "utf8" });
  if (run.error) return null;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const hasXmllint = xmllint(["--noout"]) !== null;

/** Unescapes the five entities and character references, as an XML parser would. */
function unescape(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&(lt|gt|quot|apos);/g, (_, e) => ({ lt: "<", gt: ">", quot: '"', apos: "'" })[e as "lt"])
    .replace(/&amp;/g, "&");
}

test("JUnit XML is well-formed, checked by xmllint", (ctx) => {
  if (!hasXmllint) return skip(ctx, "xmllint is not installed (apt-get install libxml2-utils, or bash test/provision.sh)");
  const run = xmllint(["--noout"])!;
  assert.is(run.stderr, "");
  assert.is(run.status, 0);
  const count = (path: string) => xmllint(["--xpath", path])!.stdout.trim();
  assert.is(count("count(//testsuite)"), "3");
  assert.is(count("count(//testcase)"), "5");
  assert.is(count("string(//testcase[failure][1]/@name)"), `a "quoted" <b>name</b> & 'more' red`);
  assert.is(count(`string(//testcase[@name="parse 10k rows"]/properties/property[@name="peak"]/@value)`), String(passedCase().peak));
});

test("JUnit XML holds no character XML 1.0 forbids, and escapes markup in text and attributes", () => {
  assert.not.ok(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(xml), "no illegal control characters");
  assert.not.ok(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(xml), "no unpaired surrogate");
  assert.not.ok(xml.includes("]]>"));
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, "");
  // Every & starts an entity, every < starts a tag: markup from the data was escaped.
  assert.not.ok(/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(body), "no bare &");
  for (const tag of body.match(/<[^>]*>/g)!) {
    assert.ok(/^<\/?[a-z-]+(\s+[a-zA-Z]+="[^"<]*")*\s*\/?>$/.test(tag), `well-formed tag: ${tag}`);
  }
  const names = [...xml.matchAll(/<testcase name="([^"]*)"/g)].map((m) => unescape(m[1]));
  assert.ok(names.includes(`a "quoted" <b>name</b> & 'more' red`));
  assert.ok(names.includes(`render <table> & "quotes" 'too'`));
  assert.ok(xml.includes(`<failure message="Error: expected &lt;div class=&quot;x&quot;&gt; &amp; got ]]&gt;">`));
});

test("JUnit XML has one testsuite per file with counts, and one testcase per case with its figures", () => {
  assert.ok(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="memassert" tests="5" failures="2" errors="1" skipped="1" time="3.120">`));
  assert.ok(xml.endsWith("</testsuites>"));
  const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)" time="([\d.]+)">/g)];
  assert.equal(suites.map((m) => [unescape(m[1]), ...m.slice(2).map(Number)]), [
    ["test/bad<&>.test.ts", 1, 0, 1, 0, 0],
    ["test/parse.test.ts", 2, 1, 0, 0, 2.948],
    ["test/render.test.ts", 2, 1, 0, 1, 0.037],
  ]);
  assert.is((xml.match(/<testcase /g) ?? []).length, 5);
  const parse10k = xml.match(/<testcase name="parse 10k rows"[^]*?<\/testcase>/)![0];
  const props = Object.fromEntries([...parse10k.matchAll(/<property name="(\w+)" value="(-?\d+)"\/>/g)].map((m) => [m[1], Number(m[2])]));
  const p = passedCase();
  assert.equal(props, { peak: p.peak, growth: p.growth, baseline: p.baseline, treePeak: p.treePeak, budget: p.budget, headroom: p.headroom });
  assert.ok(parse10k.includes(`time="0.412"`));
  assert.not.ok(parse10k.includes("<failure"), "a passed case has no failure");
  assert.match(xml, /<property name="headroom" value="-\d+"\/>/);
  assert.match(xml, /<testcase name="render 1M cells" [^>]*>[^]*?<skipped\/>\s*<\/testcase>/);
  assert.match(xml, /<error message="SyntaxError: Unexpected token &apos;&lt;&apos;">SyntaxError: Unexpected token '&lt;'\n {4}at load<\/error>/);
  assert.ok(xml.includes("<system-out>progress&#13;50%&#13;done\n&lt;&amp;&gt;\n</system-out>"), "output kept, escaped, \\r as a reference");
});

test("a failure's message is its first line; the element holds the whole explanation", () => {
  const r: CaseResult = overBudgetCase();
  const one = formatJUnit(reportOf([r]));
  assert.ok(one.includes(`<failure message="peak 52.3 MiB is 4.3 MiB over the budget of 48.0 MiB">peak 52.3 MiB is 4.3 MiB over the budget of 48.0 MiB\n(change \`budget\` in test/parse.test.ts:15)</failure>`));
});

test.run();
