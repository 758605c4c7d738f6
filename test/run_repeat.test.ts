/**
 * `memassert run --runs N --warmup N`, and several commands compared (`A ::: B`): each
 * run's figures, their spread, the comparison's ratio, the exports, and what budgets and the
 * baseline judge (the medians).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../runner/cli/io.ts";
import { runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";
import { fieldsOf, loadSchema, propertiesOf, validate } from "./helpers/schema.ts";

const dir = mkdtempSync(join(tmpdir(), "memassert-runs-"));
const prog = compileFixture("alloc_free");
// Without address-space randomisation the fixture touches the same pages in every run.
const fixed = (truth: string, mib: number) => ["setarch", "-R", prog, join(dir, truth), String(mib)];
const truths = (name: string) => readFileSync(join(dir, name), "utf8").trim().split("\n").map((l) => Number(l.split(" ")[1]));
const exported = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8"));
const schema = loadSchema("series.schema.json");

test("--runs 5 on a program with a known peak: five equal peaks, each the program's own, spread 0", () => {
  const r = runCli(["run", "--runs", "5", "--export-json", join(dir, "five.json"), "--", ...fixed("five", 32)]);
  assert.is(r.status, 0, r.stderr);
  const own = truths("five");
  assert.is(own.length, 5);
  assert.is(new Set(own).size, 1, `the program read the same peak in every run: ${own}`);
  const report = exported("five.json");
  assert.equal(validate(schema, schema, report), []);
  const root = report.commands[0].rootPeakRss;
  assert.equal(root.values, own, "each run's root peak is the RSS the program read at its peak");
  assert.equal([root.min, root.median, root.max, root.spread], [own[0], own[0], own[0], 0]);
  assert.is(report.commands[0].wallMs.values.length, 5);
  assert.match(r.stderr, /^memassert: setarch -R .*alloc_free .* 32 {2}\(5 runs\)\n/);
  assert.match(r.stderr, /\n {2}root peak +(3\d\.\d MiB +){3}0 B \(0\.0 %\)\n/);
  assert.match(r.stderr, /\n {2}wall +.* ms .* %\)\n/);
});

test("two programs of different peaks: both, the ratio of their tree peaks, exit 0, and the exports", () => {
  const md = join(dir, "compare.md"), json = join(dir, "compare.json");
  const r = runCli(["run", "--runs", "3", "--warmup", "1", "--export-markdown", md, "--export-json", json, "--", ...fixed("small", 16), ":::", ...fixed("large", 64)]);
  assert.is(r.status, 0, r.stderr);
  assert.is(truths("small").length, 4, "one warm-up run and three counted");
  const report = exported("compare.json");
  assert.equal(validate(schema, schema, report), []);
  assert.equal([report.runs, report.warmup], [3, 1]);
  const [small, large] = report.commands;
  assert.is(small.treePeakRss.values.length, 3);
  assert.is(small.rootPeakRss.median, truths("small")[0]);
  assert.is(large.rootPeakRss.median, truths("large")[0]);
  assert.is(small.ratio, 1);
  assert.is(large.ratio, Math.round((large.treePeakRss.median / small.treePeakRss.median) * 1000) / 1000);
  assert.ok(large.ratio > 2 && large.ratio < 4, `48 MiB more than a program of ~18 MiB: ${large.ratio}`);
  const table = r.stderr.slice(r.stderr.indexOf("memassert: compared"));
  assert.match(table, new RegExp(`alloc_free \\S+ 16 .* 1\\.00\\n`));
  assert.match(table, new RegExp(`alloc_free \\S+ 64 .* ${large.ratio.toFixed(2)}×\\n`));
  const rows = readFileSync(md, "utf8").trim().split("\n");
  assert.is(rows.length, 4);
  assert.match(rows[0], /^\| command \| root peak \| tree peak \| tree PSS \| wall \| ratio \|$/);
  assert.match(rows[3], new RegExp(`^\\| \`setarch -R .* 64\` \\| .* \\| ${large.ratio.toFixed(2)}× \\|$`));
});

test("budgets judge the medians; a failing run stops with its status", () => {
  const over = runCli(["run", "--runs", "3", "--budget", "20MiB", "--", ...fixed("budget", 32)]);
  assert.is(over.status, EXIT.budgetExceeded, over.stderr);
  assert.match(over.stderr, /memassert: root peak 3\d\.\d MiB \(median of 3 runs\) is over its limit of 20\.0 MiB/);
  const failing = runCli(["run", "--runs", "3", "--", "sh", "-c", "exit 3"]);
  assert.is(failing.status, 3);
  assert.match(failing.stderr, /^memassert: sh -c 'exit 3': run 1 exited with status 3; no figures are reported\n$/);
});

test("--baseline with --runs writes and compares the medians", () => {
  const baseline = join(dir, "baseline.json");
  const write = runCli(["run", "--runs", "3", "--baseline", baseline, "--name", "alloc", "-u", "--", ...fixed("baseline", 32)]);
  assert.is(write.status, 0, write.stderr);
  const entry = JSON.parse(readFileSync(baseline, "utf8")).cases.alloc;
  assert.is(entry.peak, truths("baseline")[0]);
  const again = runCli(["run", "--runs", "3", "--baseline", baseline, "--name", "alloc", "--", ...fixed("baseline", 32)]);
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stderr, /memassert: alloc: unchanged against the baseline/);
});

test("one run's options, a baseline of several commands, an empty command or --runs 0 are usage errors", () => {
  const marker = join(dir, "ran");
  for (const [args, message] of [
    [["--runs", "2", "--json=x.json", "--", "touch", marker], /--json shows one run: with --runs, --warmup or several commands, use --export-json FILE/],
    [["--tree", "--", "touch", marker, ":::", "true"], /--tree shows one run/],
    [["--baseline", join(dir, "b.json"), "--name", "x", "--", "touch", marker, ":::", "true"], /--baseline and --name compare one command/],
    [["--", "touch", marker, ":::"], /an empty command around ":::"/],
    [["--runs", "0", "--", "touch", marker], /--runs "0": expected a whole number from 1 to 10000/],
    [["--warmup", "-1", "--", "touch", marker], /--warmup "-1"/],
  ] as const) {
    const r = runCli(["run", ...args]);
    assert.is(r.status, EXIT.usage, r.stderr);
    assert.match(r.stderr, message);
    assert.not.ok(existsSync(marker), `${args.join(" ")}: nothing ran`);
  }
});

test("the schema describes every field of the TypeScript shapes", () => {
  const files = ["runner/measure/series.ts"];
  assert.equal(propertiesOf(schema), fieldsOf("SeriesReport", files));
  assert.equal(propertiesOf((schema.$defs as Record<string, Record<string, unknown>>).series), fieldsOf("Series", files));
  assert.equal(propertiesOf((schema.$defs as Record<string, Record<string, unknown>>).bytesSpread), fieldsOf("Spread", files));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
