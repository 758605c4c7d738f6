// deno-lint-ignore-file no-explicit-any -- results are JSON of any shape
import { test } from "uvu";
import * as assert from "uvu/assert";
import process from "node:process";
import { measure } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";
import { fieldsOf as fieldsIn, loadSchema, propertiesOf, type Schema, validate as check } from "./helpers/schema.ts";

const schema = loadSchema("result.schema.json");
const validate = (s: Schema, v: unknown) => check(schema, s, v);

declare const Deno: { execPath(): string } | undefined;

/** Runs memassert with --json to stdout and returns the parsed result. */
function measured(args: string[]): unknown {
  const r = runCli(["run", "--quiet", "--json", ...args]);
  assert.is(r.stderr, "", r.stderr);
  return JSON.parse(r.stdout);
}

const fieldsOf = (name: string) => fieldsIn(name, ["runner/measure/result.ts", "runner/trace/types.ts"]);

test("the schema describes every field of the TypeScript shapes", () => {
  const defs = schema.$defs as Record<string, any>;
  assert.equal(propertiesOf(schema), fieldsOf("MeasureResult"));
  assert.equal(propertiesOf(defs.process), fieldsOf("ProcessResult"));
  assert.equal(propertiesOf(defs.rssSplit), fieldsOf("RssSplit"));
  assert.equal(propertiesOf(defs.mark), fieldsOf("Mark"));
  assert.equal(propertiesOf(defs.kernel), fieldsOf("KernelInfo"));
  assert.equal(propertiesOf(defs.timeline), fieldsOf("Timeline"));
  assert.equal(propertiesOf(defs.usage), fieldsOf("Usage"));
});

test("a real --json output of a tree, with a timeline, is valid", () => {
  const result = measured(["--timeline", "--", "sh", "-c", "sh -c 'exit 0'; kill -9 $$"]) as Record<string, any>;
  assert.equal(validate(schema, result), []);
  assert.ok(result.processes.length >= 2, "a tree was measured");
  assert.ok(result.timeline.tree.length > 0, "the timeline was recorded");
});

test("a real result with marks is valid (a process armed for them, as a test case is)", async () => {
  const code = `const m = await import(${JSON.stringify(`${ROOT}runner/trace/mark.ts`)}); await m.prepareMark(); m.markNow(1); m.markNow(2);`;
  const child = typeof Deno !== "undefined" ? [Deno.execPath(), "eval", code] : [process.execPath, "-e", code];
  const result = await measure(child, { lateExact: true }) as unknown as Record<string, any>;
  assert.equal(validate(schema, result), []);
  assert.equal(result.marks?.map((m: { id: number }) => m.id), [1, 2]);
});

test("real outputs of fast and sample modes are valid", () => {
  for (const mode of ["fast", "sample"]) {
    assert.equal(validate(schema, measured(["--mode", mode, "--timeline", "--", "sh", "-c", "sleep 0.05"])), [], mode);
  }
});

test("the validator is not vacuous: broken results are rejected", () => {
  const good = measured(["--", "true"]) as Record<string, any>;
  const broken = (change: (r: any) => void) => {
    const r = structuredClone(good);
    change(r);
    return validate(schema, r);
  };
  assert.equal(validate(schema, good), []);
  assert.ok(broken((r) => delete r.tree).length > 0, "missing field");
  assert.ok(broken((r) => (r.extra = 1)).length > 0, "unknown field");
  assert.ok(broken((r) => (r.root.peakRss = 1.5)).length > 0, "fractional bytes");
  assert.ok(broken((r) => (r.processes[0].atPeak.anon = -1)).length > 0, "negative bytes");
  assert.ok(broken((r) => (r.mode = "slow")).length > 0, "unknown mode");
  assert.ok(broken((r) => (r.version = 2)).length > 0, "other version");
  assert.ok(broken((r) => (r.timeline = { intervalMs: 10, maxPoints: 8, peakMs: 0, tree: [[1]], processes: [] })).length > 0, "short point");
  assert.ok(broken((r) => (r.kernel.rss = "fuzzy")).length > 0, "unknown RSS counting");
  assert.ok(broken((r) => delete r.kernel).length > 0, "no kernel");
  assert.ok(broken((r) => delete r.processes[0].usage.minorFaults).length > 0, "usage without its faults");
  assert.ok(broken((r) => (r.processes[0].usage = 0)).length > 0, "usage neither an object nor null");
  assert.ok(broken((r) => (r.tree.usage = null)).length > 0, "no usage for the tree");
  assert.equal(broken((r) => (r.processes[0].usage = null)), [], "a process without usage");
});

test.run();
