/**
 * A bad size or value on the command line or in the project's config stops `memassert test`
 * before anything runs: exit 2, one message naming the value, where it was written and the
 * fix — once, not once per test file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const FILES = ["growth/nothing.mem.ts", "only/a.mem.ts", "only/b.mem.ts"].map((f) => join(ROOT, "test/fixtures/mem", f));

/** Runs `memassert test` on three files in `cwd`; asserts exit 2 and one stderr line matching every pattern. */
function refused(args: string[], cwd: string, ...patterns: RegExp[]): void {
  const r = runCli(["test", ...args, ...FILES], { cwd });
  assert.is(r.status, EXIT.usage, r.stderr + r.stdout);
  assert.is(r.stdout, "", "no case ran");
  assert.is(r.stderr.trimEnd().split("\n").length, 1, `said once: ${r.stderr}`);
  for (const p of patterns) assert.match(r.stderr, p);
}

/** A project folder whose package.json is `pkg`. */
function project(pkg: string): string {
  const dir = mkdtempSync(join(tmpdir(), "memassert-values-"));
  writeFileSync(join(dir, "package.json"), pkg);
  return dir;
}

test("on the command line", () => {
  refused(["--kill-above", "64mb"], ROOT, /--kill-above "64mb": unknown unit "mb" \(did you mean MB or MiB\?/);
  refused(["--timeout", "3000000000"], ROOT, /the command line: timeout must be an integer from 1 to 2147483647, got 3000000000/);
  refused(["--runs", "0"], ROOT, /--runs "0": expected a whole number ≥ 1/);
  refused(["-j", "100000"], ROOT, /--jobs "100000": at most 64 cases run at once/);
});

test("in package.json's memassert field, or a package.json that is not an object", () => {
  const cases: [string, RegExp][] = [
    [`{ "memassert": { "growth": "8 mb" } }`, /growth "8 mb" is not a size: .*unknown unit "mb".*\(fix it in .*package\.json\)/],
    [`{ "memassert": { "runs": 0 } }`, /runs must be an integer ≥ 1, got 0 \(fix it in .*package\.json\)/],
    [`{ "memassert": { "budget": 1e400 } }`, /budget .* is not a size: Size "Infinity" is not finite/],
    [`{ "memassert": { "budgte": "8 MiB" } }`, /unknown option "budgte"/],
    [`null`, /package\.json: a package\.json must hold an object, got null/],
  ];
  for (const [pkg, pattern] of cases) {
    const dir = project(pkg);
    try {
      refused([], dir, pattern);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test("the config is found from a subfolder, like other tools find theirs", () => {
  const dir = project(`{ "memassert": { "runs": 0 } }`);
  try {
    mkdirSync(join(dir, "packages", "deep"), { recursive: true });
    refused([], join(dir, "packages", "deep"), new RegExp(`\\(fix it in ${join(dir, "package.json").replace(/[.]/g, "\\.")}\\)`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("-j 64 on one case runs it, without starting a tracer thread per job", () => {
  const r = runCli(["test", "-j", "64", "--reporter", "json", FILES[0]]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  assert.is(JSON.parse(r.stdout).results.length, 1);
});

test.run();
