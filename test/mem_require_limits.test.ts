/**
 * A case with no limit at all is marked "no limit" in the report, and passes; with
 * `--require-limits` it fails, saying what it used and where to set a limit, so a suite
 * cannot pass by forgetting one. A limit from the command line satisfies it.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const FIXTURE = "test/fixtures/mem/unlimited/unlimited.mem.ts";

/** The report's line of the case named `name`. */
function lineOf(stdout: string, name: string): string {
  return stdout.split("\n").find((l) => l.includes(`${name}  `)) ?? `(no line for ${name} in:\n${stdout})`;
}

test('a case without any limit passes, marked "no limit"; one with a limit is not', () => {
  const r = runCli(["test", FIXTURE, "-j", "2"]);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(lineOf(r.stdout, "sets no limit"), /no limit/);
  assert.not.match(lineOf(r.stdout, "sets a growth limit"), /no limit/);
});

test("--require-limits fails the case without a limit, saying what it used and where to set one", () => {
  const r = runCli(["test", FIXTURE, "-j", "2", "--require-limits", "--reporter", "json"]);
  assert.is(r.status, 1, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as TestReport;
  const c = Object.fromEntries(report.results.map((x) => [x.name, x]));
  assert.is(c["sets a growth limit"].status, "passed");
  const none = c["sets no limit"];
  assert.is(none.status, "failed");
  assert.ok(none.peak! > 0, "it ran: its figures are there to choose a limit from");
  assert.match(none.failure ?? "", /^no limit is set for this case, and --require-limits asks for one \(it peaked at \d+\.\d MiB and grew [\d.]+ (B|KiB|MiB)\): set \{ growth \} or \{ budget \} in test\("sets no limit", \{ … \}\) at .*unlimited\.mem\.ts:3/);
  assert.is(report.failed, 1);
});

test("--require-limits is satisfied by a limit from the command line", () => {
  const r = runCli(["test", FIXTURE, "-j", "2", "--require-limits", "--growth", "64MiB"]);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.not.match(r.stdout, / {2}no limit/);
});

test.run();
