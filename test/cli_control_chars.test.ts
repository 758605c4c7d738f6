/**
 * Text from programs and test files never reaches the terminal raw: control characters in a
 * traced command's argv (`--tree`) or in a test's name are shown as escapes (`\x1b`, `\n`),
 * so they cannot set the terminal's title, clear the screen or break lines.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "./helpers/cli.ts";

/** Control characters other than the newlines that end memassert's own lines. */
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

test("--tree shows an argv's control characters as escapes", () => {
  const hostile = "x\x1b]0;pwned\x07\x1b[2J\ty";
  const r = runCli(["run", "--tree", "--", "sh", "-c", "sleep 0.01; :", hostile]);
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stderr, RAW, JSON.stringify(r.stderr));
  assert.ok(r.stderr.includes("x\\x1b]0;pwned\\x07\\x1b[2J\\ty"), r.stderr);
});

test("memassert test shows a case name's control characters as escapes", () => {
  const r = runCli(["test", join(ROOT, "test/fixtures/mem/names/control.mem.ts")]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  assert.not.match(r.stdout, RAW, JSON.stringify(r.stdout));
  assert.ok(r.stdout.includes("title \\x1b]0;pwned\\x07 clear \\x1b[2J bell \\x07 line\\nbreak"), r.stdout);
  // The file's name, the case's line, the totals.
  assert.is(r.stdout.trimEnd().split("\n").length, 3, "the name stays on its line");
});

test.run();
