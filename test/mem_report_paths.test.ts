/**
 * The documents `memassert test` writes for CI give paths relative to the project root (the
 * report's `root`, where memassert ran): JSON results' `file` and `location`, file errors'
 * `file`, JUnit's suite names and class names. Nothing names the checkout's absolute path,
 * so the same case reads the same on every machine.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const DIR = "test/fixtures/mem/order";

test("JSON: results' file and location, relative to root", () => {
  const r = runCli(["test", DIR, "test/fixtures/mem/syntax", "-j", "4", "--reporter", "json"]);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.is(report.root, ROOT.replace(/\/$/, ""));
  assert.equal([...new Set(report.results.map((c) => c.file))], [`${DIR}/a.mem.ts`, `${DIR}/b.mem.ts`, `${DIR}/c.mem.ts`, "test/fixtures/mem/syntax/fine.mem.ts"], "relative, in the listing's order");
  for (const c of report.results) assert.ok(c.location.startsWith(`${c.file}:`), c.location);
  assert.equal(report.fileErrors.map((e) => e.file), ["test/fixtures/mem/syntax/broken.mem.ts"]);
});

test("JUnit: suite names and class names relative to root", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-paths-"));
  try {
    const out = join(dir, "memory.xml");
    runCli(["test", DIR, "-j", "4", "--reporter", "junit", "--outfile", out]);
    const xml = readFileSync(out, "utf8");
    assert.not.ok(xml.includes(ROOT), "no absolute path of the checkout");
    assert.equal([...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]), [`${DIR}/a.mem.ts`, `${DIR}/b.mem.ts`, `${DIR}/c.mem.ts`]);
    assert.ok([...xml.matchAll(/classname="([^"]+)"/g)].every((m) => m[1].startsWith(`${DIR}/`)), xml);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
