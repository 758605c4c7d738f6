/**
 * The examples against their own fresh baseline: unchanged runs give no false failure, and a
 * real regression of 10 % of one case's peak (it keeps that much more) is caught. The full
 * figures, 20 runs under the executable and under Deno, come from bench/gate_noise.ts and
 * are in the README; this is the short version, three runs.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

// Inside the project, so that "memassert" resolves for the copies under Deno too.
const WORK = join(ROOT, `.cache/gate-examples-${process.pid}`);
const DIR = join(WORK, "examples");
const BASELINE = join(WORK, "baseline.json");
const CASE = "parse 10k rows of CSV";

function run(args: string[]): TestReport {
  const r = runCli(["test", ...args, "-j", "2", "--baseline", BASELINE, "--reporter", "json"], { timeoutMs: 300_000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as TestReport;
}

const regressed = (r: TestReport) => r.results.filter((c) => c.gate?.verdict === "regressed").map((c) => c.name);

test("3 unchanged runs: no false failure; a case keeping 10 % of its peak more: caught", () => {
  mkdirSync(WORK, { recursive: true });
  try {
    cpSync(join(ROOT, "examples"), DIR, { recursive: true });
    rmSync(join(DIR, "ci"), { recursive: true, force: true });
    const made = run([DIR, "-u"]);
    assert.is(made.results.length, 5);
    for (let i = 0; i < 3; i++) assert.equal(regressed(run([DIR])), [], `run ${i + 1}`);

    const id = Object.keys(JSON.parse(readFileSync(BASELINE, "utf8")).cases).find((k) => k.endsWith(` › ${CASE}`))!;
    const peak = JSON.parse(readFileSync(BASELINE, "utf8")).cases[id].peak as number;
    const file = join(DIR, "parse.mem.ts");
    const text = readFileSync(file, "utf8");
    const body = text.indexOf("=> {", text.indexOf(`test("${CASE}"`)) + 4;
    const planted = ` (globalThis as { planted?: Uint8Array }).planted = new Uint8Array(${Math.round(peak / 10)}).fill(1);`;
    writeFileSync(file, text.slice(0, body) + planted + text.slice(body));
    assert.equal(regressed(run([file])), [CASE]);
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
});

test.run();
