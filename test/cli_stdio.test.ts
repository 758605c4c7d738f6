/**
 * memassert run leaves the command's stdin, stdout and stderr untouched: what goes in
 * reaches the command, what it writes reaches memassert's caller, byte for byte, and
 * memassert's own summary goes to stderr after the command's.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";

test("stdin, stdout and stderr pass through untouched", () => {
  const input = "first line\nsecond\u00e9 line\n\u0000binary\u00ff\n";
  const r = runCli(["run", "--", "sh", "-c", "cat; echo to-stderr >&2"], { input });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, input);
  assert.match(r.stderr, /^to-stderr\nmemassert: peak /);
});

test("--quiet leaves stderr to the command alone", () => {
  const r = runCli(["run", "--quiet", "--", "sh", "-c", "echo out; echo err >&2"]);
  assert.is(r.status, 0);
  assert.is(r.stdout, "out\n");
  assert.is(r.stderr, "err\n");
});

test.run();
