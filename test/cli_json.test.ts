import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeasureResult } from "../runner/measure/result.ts";
import { runCli } from "./helpers/cli.ts";

function checkResult(r: MeasureResult, argv: string[]) {
  assert.is(r.version, 1);
  assert.equal(r.argv, argv);
  assert.is(r.exitCode, 0);
  assert.is(r.mode, "exact");
  assert.ok(Number.isInteger(r.root.peakRss) && r.root.peakRss > 0);
  assert.ok(r.tree.peakRss >= r.root.peakRss);
  assert.is(r.processes.length, r.tree.processes);
}

test("--json with no FILE writes the result to stdout, after the command's own output", () => {
  const r = runCli(["run", "--json", "--", "echo", "hello"]);
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.startsWith("hello\n{\n"), r.stdout);
  const text = r.stdout.slice("hello\n".length);
  const result = JSON.parse(text) as MeasureResult;
  checkResult(result, ["echo", "hello"]);
  assert.is(text, `${JSON.stringify(result, null, 2)}\n`);
});

test("--json - and --json= also mean stdout; the summary still goes to stderr", () => {
  for (const opt of [["--json", "-"], ["--json=-"]]) {
    const r = runCli(["run", ...opt, "--", "true"]);
    assert.is(r.status, 0, r.stderr);
    checkResult(JSON.parse(r.stdout), ["true"]);
    assert.match(r.stderr, /^memassert: peak /);
  }
});

test("--json FILE and --json=FILE write the file; stdout is the command's alone", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-"));
  try {
    for (const [i, opt] of [["--json", join(dir, "a.json"), "--"], [`--json=${join(dir, "b.json")}`]].entries()) {
      const r = runCli(["run", "--quiet", ...opt, "sh", "-c", "echo out"]);
      assert.is(r.status, 0, r.stderr);
      assert.is(r.stdout, "out\n");
      assert.is(r.stderr, "");
      const file = join(dir, i === 0 ? "a.json" : "b.json");
      checkResult(JSON.parse(readFileSync(file, "utf8")), ["sh", "-c", "echo out"]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--json without -- before the command does not swallow the command", () => {
  const r = runCli(["run", "--json", "echo", "hi"]);
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.startsWith("hi\n{"), r.stdout);
});

test("--timeline adds the timeline to the JSON, and only then", () => {
  const r = runCli(["run", "--timeline", "--json", "--", "sh", "-c", "true"]);
  assert.is(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as MeasureResult;
  const t = result.timeline!;
  assert.ok(t.tree.length > 0, "readings recorded");
  for (const p of t.tree) assert.is(p.length, 2);
  assert.equal(t.processes.map((p) => p.pid).sort(), result.processes.map((p) => p.pid).sort(), "a series per process");
  const plain = JSON.parse(runCli(["run", "--json", "--", "true"]).stdout) as MeasureResult;
  assert.is(plain.timeline, undefined);
});

test.run();
