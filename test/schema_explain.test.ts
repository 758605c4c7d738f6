// deno-lint-ignore-file no-explicit-any -- the schema is JSON of any shape
/**
 * schema/result.schema.json describes the explanation exactly as the TypeScript shapes
 * declare it (every field, no more), accepts a real one, and rejects a broken one.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { fieldsOf as fieldsIn, loadSchema, propertiesOf, validate } from "./helpers/schema.ts";
import { truthFile } from "./helpers/truth.ts";

const schema = loadSchema("result.schema.json");
const defs = schema.$defs as Record<string, any>;
const fieldsOf = (name: string) => fieldsIn(name, ["runner/trace/types.ts", "runner/trace/smaps.ts"]);

test("the schema's explanation has the fields of PeakExplanation, ExplainedProcess, Mapping and MappingRest", () => {
  assert.equal(propertiesOf(defs.explanation), fieldsOf("PeakExplanation"));
  assert.equal(propertiesOf(defs.explainedProcess), fieldsOf("ExplainedProcess"));
  assert.equal(propertiesOf(defs.mapping), fieldsOf("Mapping"));
  assert.equal(propertiesOf(defs.explainedProcess.properties.rest), fieldsOf("MappingRest"));
});

test("a real explanation is valid, a broken one is not", async () => {
  const truth = truthFile();
  try {
    const good = await measure([compileFixture("explain_anon"), truth.path], { explain: true, stdout: "ignore" }) as any;
    assert.ok(good.explain, "explained");
    assert.equal(validate(schema, schema, good), []);
    const broken = (change: (r: any) => void) => {
      const r = structuredClone(good);
      change(r);
      return validate(schema, schema, r);
    };
    assert.ok(broken((r) => (r.explain.processes[0].mappings[0].kind = "weird")).length > 0, "unknown kind");
    assert.ok(broken((r) => (r.explain.processes[0].mappings[0].start = "0x7f00")).length > 0, "start not bare hexadecimal");
    assert.ok(broken((r) => (r.explain.processes[0].rss = -1)).length > 0, "negative bytes");
    assert.ok(broken((r) => delete r.explain.others).length > 0, "missing field");
    assert.ok(broken((r) => (r.explain.processes[0].rest.extra = 1)).length > 0, "unknown field");
  } finally {
    truth.remove();
  }
});

test.run();
