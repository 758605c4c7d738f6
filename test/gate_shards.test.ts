/**
 * `memassert test --shard i/3` splits the cases (sorted by id, the k-th to shard k mod 3 + 1)
 * so that the three shards hold every case once; each writes a results file carrying the
 * memassert version, and `memassert merge` of the three gives the same verdicts as one
 * unsharded run, gated once against the baseline. merge refuses results of different
 * versions, a shard given twice (or missing), and a case in two files.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import pkg from "../package.json" with { type: "json" };
import { runCli } from "./helpers/cli.ts";
import { inTemp } from "./helpers/gate.ts";
import type { TestReport } from "../mod.ts";

const DIR = "test/fixtures/mem/gate_shards";

function run(args: string[], scale: number, status: number) {
  const r = runCli(args, { env: { MEMASSERT_FIXTURE_SCALE: String(scale) }, timeoutMs: 240_000 });
  assert.is(r.status, status, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r;
}

/**
 * id → [status, gate verdict] of a report. The empty case's growth moves by a few hundred KiB
 * from run to run, past the 256 KiB growth tolerance, so "improved" counts as "unchanged":
 * what must agree between runs is which cases regressed.
 */
function verdicts(report: TestReport): Record<string, [string, string | undefined]> {
  const steady = (v: string | undefined) => (v === "improved" ? "unchanged" : v);
  return Object.fromEntries(report.results.map((r) => [`${r.file.slice(r.file.indexOf(DIR))} › ${r.name}`, [r.status, steady(r.gate?.verdict)]]));
}

test("three shards merged give the verdicts of one run; merge refuses what is not one run", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    run(["test", DIR, "-j", "2", "--baseline", baseline, "-u", "--confirm", "0"], 1, 0);
    // Scaled by 1.5: every case keeping memory regresses (one also goes over its growth
    // limit), the empty one is unchanged.
    const whole = JSON.parse(run(["test", DIR, "-j", "2", "--baseline", baseline, "--reporter", "json"], 1.5, 1).stdout) as TestReport;
    const expected = verdicts(whole);
    const count = (v: string) => Object.values(expected).filter(([, g]) => g === v).length;
    assert.equal([count("regressed"), count("unchanged")], [6, 1], JSON.stringify(expected));

    const shards = join(dir, "shards");
    mkdirSync(shards);
    const ids: string[][] = [];
    for (const i of [1, 2, 3]) {
      const file = join(shards, `shard-${i}.json`);
      run(["test", DIR, "-j", "2", "--shard", `${i}/3`, "--baseline", baseline, "--outfile", file], 1.5, 1);
      const doc = JSON.parse(readFileSync(file, "utf8"));
      assert.equal(doc.shard, { index: i, count: 3 });
      assert.is(doc.environment.memassert, pkg.version);
      ids.push(Object.keys(verdicts(doc)));
    }
    // Every case in exactly one shard; the k-th of the sorted ids in shard k mod 3 + 1.
    const sorted = Object.keys(expected).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.equal(ids.map((s) => [...s].sort()), [0, 1, 2].map((k) => sorted.filter((_, j) => j % 3 === k)));

    const merged = run(["merge", shards, "--baseline", baseline, "--reporter", "json"], 1, 1);
    assert.equal(verdicts(JSON.parse(merged.stdout)), expected);
    const text = run(["merge", shards, "--baseline", baseline], 1, 1).stdout;
    assert.match(text, /^\d+ passed, \d+ failed$/m);
    assert.match(text, /^baseline .*: 6 regressed, 1 (unchanged|improved)$/m);
    const caseLines = text.slice(0, text.search(/^\d+ passed/m)).split("\n").filter((l) => /^[✓✗] /.test(l));
    assert.is(caseLines.length, sorted.length, "one line per case");

    // What merge refuses: exit 2, naming the files.
    const other = join(dir, "other");
    mkdirSync(other);
    copyFileSync(join(shards, "shard-1.json"), join(other, "a.json"));
    copyFileSync(join(shards, "shard-1.json"), join(other, "b.json"));
    const twice = runCli(["merge", join(other, "a.json"), join(other, "b.json")]);
    assert.is(twice.status, 2);
    assert.match(twice.stderr, /overlapping shards: shard 1\/3 is in both .*a\.json and .*b\.json/);
    const missing = runCli(["merge", join(shards, "shard-1.json"), join(shards, "shard-3.json")]);
    assert.is(missing.status, 2);
    assert.match(missing.stderr, /shard 2\/3 missing: its results are not among the files given \(have 1\/3, 3\/3\)/);
    const unsharded = join(other, "whole.json");
    writeFileSync(unsharded, JSON.stringify(whole));
    const overlap = runCli(["merge", unsharded, shards]);
    assert.is(overlap.status, 2);
    assert.match(overlap.stderr, /is in both .*whole\.json and .*shard-\d\.json \(overlapping shards/);
    const doc = JSON.parse(readFileSync(join(shards, "shard-2.json"), "utf8"));
    doc.environment.memassert = "0.0.1";
    writeFileSync(join(shards, "shard-2.json"), JSON.stringify(doc));
    const mixed = runCli(["merge", shards]);
    assert.is(mixed.status, 2);
    assert.match(mixed.stderr, new RegExp(`results of different memassert versions: ${pkg.version.replace(/\./g, "\\.")} in .*shard-1\\.json, 0\\.0\\.1 in .*shard-2\\.json`));
  }));

test.run();
