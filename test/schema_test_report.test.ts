// deno-lint-ignore-file no-explicit-any -- reports are JSON of any shape
/**
 * schema/test-report.schema.json describes `memassert test --reporter json` exactly: every
 * field of the TypeScript shapes, and real reports (passing, failing, skipped and median-of-runs
 * cases, a file that could not be loaded) are valid against it.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "./helpers/cli.ts";
import { fieldsOf as fieldsIn, loadSchema, propertiesOf, type Schema, validate as check } from "./helpers/schema.ts";

const schema = loadSchema("test-report.schema.json");
const validate = (v: unknown, s: Schema = schema) => check(schema, s, v);
const FIXTURES = join(ROOT, "test/fixtures/mem");
const TYPES = ["runner/budget/types.ts", "runner/testing/types.ts"];

/** `memassert test --reporter json` on `paths`, parsed. */
function report(args: string[]): any {
  const r = runCli(["test", "-j", "2", "--reporter", "json", ...args]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr + r.stdout);
  return JSON.parse(r.stdout);
}

test("the schema describes every field of the TypeScript shapes", () => {
  const defs = schema.$defs as Record<string, any>;
  // `found` and `untraceable` are for the command line (its messages and exit status), not the document.
  const top = fieldsIn("TestReport", TYPES).filter((f) => f !== "found" && f !== "untraceable").concat("version").sort();
  assert.equal(propertiesOf(schema), top);
  // A case's timeline (`trace`) is for the HTML report and sparklines; the JSON leaves it out.
  assert.equal(propertiesOf(defs.caseResult), fieldsIn("CaseResult", TYPES).filter((f) => f !== "trace"));
  assert.equal(propertiesOf(defs.run), fieldsIn("RunMeasure", TYPES));
  assert.equal(propertiesOf(defs.fileError), fieldsIn("FileError", TYPES));
});

test("real reports are valid: passed, failed, skipped, median of runs, a file error", () => {
  const doc = report(["--runs", "2", join(FIXTURES, "junit"), join(FIXTURES, "skip"), join(FIXTURES, "syntax")]);
  assert.equal(validate(doc), []);
  const statuses = new Set(doc.results.map((r: any) => r.status));
  assert.equal([...statuses].sort(), ["failed", "passed", "skipped"]);
  assert.ok(doc.fileErrors.length >= 1, "the broken file is reported");
  assert.ok(doc.results.some((r: any) => r.runs.length > 1), "a case with several runs");
});

test("the validator is not vacuous: broken reports are rejected", () => {
  const good = report([join(FIXTURES, "junit")]);
  const broken = (change: (r: any) => void) => {
    const r = structuredClone(good);
    change(r);
    return validate(r);
  };
  assert.equal(validate(good), []);
  assert.ok(broken((r) => delete r.results[0].peak).length > 0, "missing field");
  assert.ok(broken((r) => (r.results[0].extra = 1)).length > 0, "unknown field");
  assert.ok(broken((r) => (r.results[0].peak = 1.5)).length > 0, "fractional bytes");
  assert.ok(broken((r) => (r.results[0].status = "flaky")).length > 0, "unknown status");
  assert.ok(broken((r) => (r.version = 2)).length > 0, "other version");
  assert.ok(broken((r) => (r.results[0].runs = [{}])).length > 0, "empty run");
});

test.run();
