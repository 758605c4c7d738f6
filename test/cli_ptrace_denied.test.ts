/**
 * Where ptrace is denied, memassert says why and how to fix it, exits 77, and --mode sample
 * still measures. A real denial: a memassert run under another memassert, whose tracer
 * already traces every process of the tree, so the inner one cannot PTRACE_TRACEME.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { cliCommand, runCli } from "./helpers/cli.ts";

test("ptrace denied: exit 77 and a message with the fix; --mode sample still works", () => {
  const inner = cliCommand();
  const denied = runCli(["run", "--quiet", "--", ...inner, "run", "--", "true"]);
  assert.is(denied.status, EXIT.ptraceDenied, denied.stderr);
  // The inner memassert is itself traced: that is what it says, rather than advice about ptrace_scope.
  assert.match(denied.stderr, /memassert: memassert cannot trace \(.*EPERM.*\): it is itself being traced, by process \d+/);
  assert.match(denied.stderr, /--mode sample/);
  assert.is(denied.stderr.trim().split("\n").length, 1, "one line");

  const sampled = runCli(["run", "--quiet", "--", ...inner, "run", "--mode", "sample", "--", "sh", "-c", "exit 5"]);
  assert.is(sampled.status, 5, sampled.stderr);
  assert.match(sampled.stderr, /memassert: peak .* sample/);
  assert.match(sampled.stderr, /approximate/);
});

test("ptrace denied during memassert test: exit 77 with the same message, the case reports it", () => {
  const inner = cliCommand();
  const r = runCli(["run", "--quiet", "--", ...inner, "test", "-j", "1", "test/fixtures/mem/only/a.mem.ts", "test/fixtures/mem/only/b.mem.ts"]);
  assert.is(r.status, EXIT.ptraceDenied, r.stderr + r.stdout);
  assert.match(r.stderr, /^memassert: memassert cannot trace \(.*\): it is itself being traced/m);
  assert.match(r.stdout, /✗ .*\n {6}memassert cannot trace/, "the case that hit it says so");
  assert.match(r.stdout, /skipped/, "the cases after it are not run");
});

test.run();
