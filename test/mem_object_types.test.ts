/**
 * Where a failing case's memory went: the case runs once more with heap snapshots before and
 * after it (each after a full GC), and the object types that grew most, top 10, follow its
 * failure in the text, JUnit and HTML reports and are in the JSON (`types`, apart from the
 * failure's own text). A case that leaves 40 000 Sessions behind names `Session` with its
 * count; a case whose growth was garbage names nothing of the sort; a passing case is not run
 * again.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CaseResult, TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";
import { loadSchema, validate } from "./helpers/schema.ts";

const MiB = 2 ** 20;
let report: TestReport | null = null;
function ran(): TestReport {
  if (report === null) {
    const r = runCli(["test", "-j", "1", "--reporter", "json", "test/fixtures/mem/object_types/leak.mem.ts"]);
    assert.is(r.status, 1, r.stderr + r.stdout);
    report = JSON.parse(r.stdout) as TestReport;
  }
  return report;
}
const byName = (name: string): CaseResult => ran().results.find((c) => c.name === name)!;

test("the leaked type is named, with the objects and bytes it added, in the JSON and the failure", () => {
  const c = byName("every request leaves its Session");
  assert.ok(c.types, JSON.stringify(c));
  assert.ok(c.types!.length <= 10);
  const session = c.types!.find((t) => t.type === "Session");
  assert.ok(session, JSON.stringify(c.types));
  assert.ok(session!.count >= 40_000 && session!.count < 40_100, `count ${session!.count}`);
  assert.ok(session!.size >= 40_000 * 16, `size ${session!.size}`);
  assert.ok(c.types!.indexOf(session!) < 3, JSON.stringify(c.types));
  const sorted = [...c.types!].sort((a, b) => b.size - a.size);
  assert.equal(c.types, sorted, "largest first");
  assert.match(c.failure ?? "", /^heap retained \d+\.\d MiB is over its limit of 1\.0 MiB[^\n]*$/);
});

test("the text report prints the table under the failure", () => {
  const r = runCli(["test", "-j", "1", "-t", "Session", "test/fixtures/mem/object_types/leak.mem.ts"]);
  const lines = r.stdout.split("\n");
  const at = lines.findIndex((l) => /^ +heap retained \d+\.\d MiB is over its limit/.test(l));
  assert.ok(at >= 0, r.stdout);
  assert.match(lines[at + 1], /^ +object types that grew most in the JS heap/);
  assert.ok(lines.some((l) => /^ +Session +\+40\d{3} objects +\+\d+\.\d [KM]iB$/.test(l)), r.stdout);
});

test("garbage leaves no type that grew by a megabyte", () => {
  const c = byName("garbage only, over its growth limit");
  assert.is(c.status, "failed");
  assert.ok(Array.isArray(c.types), JSON.stringify(c));
  for (const t of c.types!) assert.ok(t.size < 1 * MiB && t.type !== "Array", JSON.stringify(c.types));
});

test("a passing case is not run again and has no table", () => {
  const c = byName("within its limits");
  assert.is(c.status, "passed");
  assert.is(c.types, undefined);
});

test("the report is valid against the schema", () => {
  const schema = loadSchema("test-report.schema.json");
  assert.equal(validate(schema, schema, ran()), []);
});

test.run();
