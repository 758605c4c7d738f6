// deno-lint-ignore-file no-explicit-any -- schemas and reports are JSON of any shape
/**
 * schema/baseline.schema.json describes the baseline file exactly, and the gate's part of
 * schema/test-report.schema.json its TypeScript shapes; a real baseline and a real report
 * judged against it are valid.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fieldsOf, loadSchema, propertiesOf, validate } from "./helpers/schema.ts";
import { inTemp, KEEPS, testWith } from "./helpers/gate.ts";

const report = loadSchema("test-report.schema.json");
const baseline = loadSchema("baseline.schema.json");
const GATE = ["runner/gate/types.ts", "runner/budget/tolerance.ts", "runner/gate/shard.ts"];

test("the schemas describe every field of the gate's TypeScript shapes", () => {
  const defs = report.$defs as Record<string, any>;
  assert.equal(propertiesOf(defs.environment), fieldsOf("Environment", GATE));
  assert.equal(propertiesOf(defs.metricChange), fieldsOf("MetricChange", GATE));
  assert.equal(propertiesOf(defs.caseGate), fieldsOf("CaseGate", GATE));
  assert.equal(propertiesOf(defs.gateSummary), fieldsOf("GateSummary", GATE));
  assert.equal(propertiesOf(defs.tolerance), fieldsOf("Tolerance", GATE));
  assert.equal(propertiesOf(defs.tolerances), fieldsOf("Tolerances", GATE));
  assert.equal(propertiesOf((report.properties as any).shard), fieldsOf("Shard", GATE));
  assert.equal(propertiesOf((baseline.$defs as any).entry), fieldsOf("BaselineEntry", GATE));
  assert.equal(propertiesOf((baseline.properties as any).environment), fieldsOf("Environment", GATE));
});

test("a real baseline and a real report against it are valid", () =>
  inTemp((dir) => {
    const file = join(dir, "baseline.json");
    testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", file, "-u", "--confirm", "0"], 0);
    const b = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(validate(baseline, baseline, b), []);
    const r = testWith({ A: 24, B: 8 }, [KEEPS, "--baseline", file, "--reporter", "json"], 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(validate(report, report, doc), []);
    assert.ok(doc.results.some((x: any) => x.gate?.verdict === "regressed" && x.gate.metrics[0].looks?.length === 3), "a regression confirmed by looks");
    // Broken ones are rejected: the schemas are not vacuous.
    assert.ok(validate(baseline, baseline, { ...b, cases: { x: { peak: 1.5 } } }).length > 0);
    assert.ok(validate(report, report, { ...doc, gate: { ...doc.gate, regressed: -1 } }).length > 0);
  }));

test.run();
