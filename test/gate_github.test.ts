/**
 * A GitHub-like run (`GITHUB_ACTIONS=true`, a temporary `GITHUB_STEP_SUMMARY`): the failing
 * cases come out as `::error` workflow commands, the worst first, at most 10, then one
 * `::notice` counting the others; names with `%`, `:`, `,` and a newline are escaped as
 * GitHub requires and read back unchanged; the step summary gets the table of changes,
 * under 1 MiB.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";
import { inTemp } from "./helpers/gate.ts";
const FILE = "test/fixtures/mem/gate_github/many.mem.ts";
/** The fixture's case names, in order: the k-th keeps 2 + 3k MiB. */
const NAMES = [
  "case 1", "case 2", "case 3", "case 4", "case 5", "case 6", "case 7",
  "a, b, c", "percent %25 written out", "two\nlines", "key: value, and more", "100% of the rows",
];

interface Command { command: string; properties: Record<string, string>; data: string }

/** The workflow commands among `lines`, unescaped as the runner does. */
function commands(text: string): Command[] {
  const data = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
  const prop = (s: string) => data(s.replace(/%3A/g, ":").replace(/%2C/g, ","));
  return text.split("\n").filter((l) => l.startsWith("::")).map((line) => {
    const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
    assert.ok(m, `not a workflow command: ${line}`);
    const properties = Object.fromEntries((m[2] ?? "").split(",").filter(Boolean).map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i), prop(p.slice(i + 1))];
    }));
    return { command: m[1], properties, data: data(m[3]) };
  });
}

test("annotations: the 10 worst failures, escaped, then a notice; a step summary with the table", () =>
  inTemp((dir) => {
    const summary = join(dir, "summary.md");
    const baseline = join(dir, "baseline.json");
    const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary };
    const made = runCli(["test", FILE, "-j", "2", "--baseline", baseline, "-u", "--confirm", "0"], { timeoutMs: 180_000 });
    assert.is(made.status, 1, made.stderr + made.stdout);

    const r = runCli(["test", FILE, "-j", "2", "--baseline", baseline, "--confirm", "0"], { env: { ...env, MEMASSERT_FIXTURE_EXTRA: "8" }, timeoutMs: 180_000 });
    assert.is(r.status, 1, r.stderr + r.stdout);
    // Every line that starts with "::" is a well-formed command: raw newlines never leak.
    const all = commands(r.stdout);
    const errors = all.filter((c) => c.command === "error");
    assert.is(errors.length, 10, r.stdout);
    const notices = all.filter((c) => c.command === "notice");
    assert.is(notices.length, 1);
    assert.match(notices[0].data, /^2 more failing cases are not annotated \(GitHub shows 10 per step\)/);

    const titles = errors.map((e) => e.properties.title);
    // Worst first: the k-th case keeps 2 + 3k MiB against the same limit.
    assert.equal(titles, [...NAMES].reverse().slice(0, 10).map((n) => `memassert: ${FILE} › ${n}`));
    for (const e of errors) {
      assert.is(e.properties.file, FILE);
      assert.match(e.properties.line, /^\d+$/);
      assert.match(e.data, /^growth \d+\.\d MiB is over its limit of 1\.0 MiB by /);
      assert.match(e.data, /\ngrowth \d+\.\d MiB is over its baseline of /, "the regression is in the body, on a line of its own");
    }
    // The escaped forms are what GitHub requires.
    const raw = r.stdout.split("\n").filter((l) => l.startsWith("::error"));
    assert.ok(raw.some((l) => l.includes("title=memassert%3A ") && l.includes("100%25 of the rows")), "% and : in a property");
    assert.ok(raw.some((l) => l.includes("key%3A value%2C and more")), ", in a property");
    assert.ok(raw.some((l) => l.includes("two%0Alines")), "a newline in a property");
    assert.ok(raw.some((l) => l.includes("percent %2525 written out")), "a literal %25 stays itself");
    assert.ok(raw.every((l) => !/::.*::.*%(?![0-9A-F]{2})/.test(l)), "no unescaped % in the data");

    const md = readFileSync(summary, "utf8");
    assert.ok(statSync(summary).size < 2 ** 20);
    assert.match(md, /^### memassert: 0 passed, 12 failed · baseline `.*`: 12 regressed$/m);
    assert.match(md, /^\| \| case \| figure \| baseline \| now \| change \| tolerance \| budget \|$/m);
    assert.match(md, /^<details><summary>24 changed figures<\/summary>$/m, "24 rows fold");
    assert.is(md.split("\n").filter((l) => l.startsWith("| ❌ |")).length, 24);
    assert.match(md, /^\| ❌ \| test\/fixtures\/mem\/gate\\_github\/many\.mem\.ts › key: value, and more \| growth \|/m);
    assert.match(md, /Accept the regressions on purpose with `memassert test .* -u --baseline .*`/);
  }));

test.run();
