/**
 * `memassert test`: a test file with a syntax error cannot be loaded. The run exits 1 and
 * says why, naming the file and the line; the cases of the other files still run.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const DIR = join(ROOT, "test/fixtures/mem/syntax");
const BROKEN_LINE = 4; // `const x = ;`

test("a file with a syntax error fails, named with its line; other files still run", () => {
  const r = runCli(["test", DIR, "-j", "2", "--reporter", "json"]);
  assert.is(r.status, 1, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;

  assert.is(report.fileErrors.length, 1, r.stdout);
  const [e] = report.fileErrors;
  assert.is(e.file, "test/fixtures/mem/syntax/broken.mem.ts", "relative to the root the report names");
  assert.is(report.root, ROOT.replace(/\/$/, ""));
  assert.ok(
    e.message.includes(`broken.mem.ts:${BROKEN_LINE}`),
    `the message does not say broken.mem.ts:${BROKEN_LINE}:\n${e.message}`,
  );
  assert.ok(report.failed >= 1, `failed is ${report.failed}`);

  assert.equal(report.results.map((c) => [c.file, c.name, c.status]), [
    ["test/fixtures/mem/syntax/fine.mem.ts", "a file beside a broken one still runs", "passed"],
  ]);
});

test.run();
