// deno-lint-ignore-file no-explicit-any -- the CLI's JSON is read as any
/**
 * `--explain` is asked for, never paid for otherwise: a run without it has no `explain` in
 * its JSON; and it needs the tracer's stops, so with sample mode it is a usage error (exit 2,
 * naming both options and the fix) on the command line and a RangeError from `measure()`,
 * before anything runs.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

test("without --explain the JSON has no explanation; with it, it has one", () => {
  const plain = runCli(["run", "--quiet", "--json", "--", "sh", "-c", "head -c 3000000 /dev/zero | tail -c 3000000 > /dev/null"]);
  assert.is(plain.status, 0, plain.stderr);
  assert.is((JSON.parse(plain.stdout) as any).explain, undefined);
  const asked = runCli(["run", "--quiet", "--explain", "--json", "--", "sh", "-c", "head -c 3000000 /dev/zero | tail -c 3000000 > /dev/null"]);
  assert.is(asked.status, 0, asked.stderr);
  const e = (JSON.parse(asked.stdout) as any).explain;
  assert.ok(e && e.processes.some((p: any) => p.argv[0] === "tail"), "tail is among the processes at the peak");
  assert.match(asked.stderr, /where the memory went/);
});

test("--explain with --mode sample is a usage error that says what to use", () => {
  const r = runCli(["run", "--explain", "--mode", "sample", "--", "sh", "-c", "echo ran"]);
  assert.is(r.status, 2);
  assert.is(r.stdout, "", "the command did not run");
  assert.match(r.stderr, /--explain needs the tracer's stops: use --mode exact \(the default\) or fast, not sample/);
});

test("measure(…, { explain: true, mode: \"sample\" }) throws a RangeError", async () => {
  try {
    await measure(["true"], { explain: true, mode: "sample" });
    assert.unreachable("it should have thrown");
  } catch (error) {
    assert.instance(error, RangeError);
    assert.match((error as Error).message, /explain needs the tracer's stops: use mode "exact"/);
  }
});

test.run();
