/**
 * The results file of the plugins ($MEMASSERT_REPORT) under `bun test --parallel`: worker
 * processes append at once, and the file holds one complete line per case, each a
 * test-report document of the `memassert test --reporter json` schema.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";
import { loadSchema, validate } from "./helpers/schema.ts";

test("three files at once: nine lines, each valid, each case once", () => {
  const tmp = mkdtempSync(join(tmpdir(), "memassert-parallel-"));
  const report = join(tmp, "results.jsonl");
  try {
    const r = runIn(`${ROOT}test/fixtures/bun/parallel`, [BUN, "test", "--parallel=3"], { MEMASSERT_REPORT: report });
    assert.is(r.status, 0, r.all);
    const text = readFileSync(report, "utf8");
    assert.ok(text.endsWith("\n"));
    const lines = text.slice(0, -1).split("\n");
    assert.is(lines.length, 9, text);
    const schema = loadSchema("test-report.schema.json");
    const names: string[] = [];
    for (const line of lines) {
      const doc = JSON.parse(line);
      assert.equal(validate(schema, schema, doc), [], line);
      assert.is(doc.results.length, 1);
      assert.is(doc.passed, 1);
      names.push(doc.results[0].name);
    }
    const expected = [1, 2, 3].flatMap((f) => [1, 2, 3].map((c) => `file ${f} case ${c}`));
    assert.equal(names.sort(), expected);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
