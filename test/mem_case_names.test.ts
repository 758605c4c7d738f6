/**
 * A case's name reaches its process whole, whatever it holds: a NUL byte (which would cut
 * a command-line argument short) and 200 KiB (more than execve takes in one argument: E2BIG).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const FIXTURE = "test/fixtures/mem/names/names.mem.ts";

test("a name with a NUL byte and a 200 KiB name both run and pass, named as declared", () => {
  const r = runCli(["test", FIXTURE, "--reporter", "json", "-j", "2"]);
  assert.is(r.status, 0, r.stderr.slice(0, 2000) + r.stdout.slice(0, 2000));
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.fileErrors, []);
  const names = report.results.map((c) => c.name).sort();
  assert.equal(names, ["before\0after", "long " + "x".repeat(200 * 1024)]);
  for (const c of report.results) {
    assert.is(c.status, "passed", c.failure ?? "");
    assert.is(c.runs.length, 1);
  }
});

test.run();
