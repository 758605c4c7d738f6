/**
 * `memassert test`: a case that throws fails with its error's name and message, and a stack
 * that points into the test file, at the line that threw; the run exits 1.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const FIXTURE = join(ROOT, "test/fixtures/mem/throwing/throws.mem.ts");
const THROW_LINE = 4; // `if (rows !== 3) throw new RangeError(…)`
const CALL_LINE = 8; // `check(2);`

test("a throwing case fails with its error and a stack into the test file", () => {
  const r = runCli(["test", FIXTURE, "--reporter", "json"]);
  assert.is(r.status, 1, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.fileErrors, []);
  assert.is(report.results.length, 1, r.stdout);
  const [c] = report.results;
  assert.is(c.name, "throws");
  assert.is(c.status, "failed");
  const failure = c.failure ?? "";
  assert.ok(failure.startsWith("RangeError: expected 3 rows, got 2\n"), failure);
  assert.match(failure, new RegExp(`\\bat .*throws\\.mem\\.ts:${THROW_LINE}:\\d+`), "no frame at the throw");
  assert.match(failure, new RegExp(`\\bat .*throws\\.mem\\.ts:${CALL_LINE}:\\d+`), "no frame at the case's call");
  // A case that threw was still measured up to the throw.
  assert.is(c.runs.length, 1);
});

test.run();
