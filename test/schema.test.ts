// deno-lint-ignore-file no-explicit-any -- the validator walks JSON of any shape
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import process from "node:process";
import { ROOT, runCli } from "./helpers/cli.ts";

declare const Deno: { execPath(): string } | undefined;

type Schema = Record<string, unknown> | boolean;

const schema = JSON.parse(readFileSync(`${ROOT}schema/result.schema.json`, "utf8")) as Record<string, unknown>;

/** Keywords that only document. Any other keyword must be one `validate` knows, so none is silently skipped. */
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "$defs"]);
const KNOWN = new Set(["$ref", "type", "const", "enum", "required", "properties", "additionalProperties",
  "items", "prefixItems", "minItems", "minimum", "maximum", "pattern"]);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isInteger(v)) return "integer";
  return typeof v;
}

/** The subset of JSON Schema 2020-12 the result schema uses; returns the errors found. */
function validate(s: Schema, v: unknown, at = "$"): string[] {
  if (s === true) return [];
  if (s === false) return [`${at}: not allowed`];
  for (const k of Object.keys(s)) {
    if (!ANNOTATIONS.has(k) && !KNOWN.has(k)) throw new Error(`validator does not know keyword ${k} (at ${at})`);
  }
  const errors: string[] = [];
  if (typeof s.$ref === "string") {
    const target = s.$ref.replace(/^#\//, "").split("/").reduce((o: any, key) => o?.[key], schema);
    if (target === undefined) throw new Error(`unresolved $ref ${s.$ref}`);
    errors.push(...validate(target, v, at));
  }
  const t = typeOf(v);
  if (s.type !== undefined) {
    const types = ([] as string[]).concat(s.type as string);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) errors.push(`${at}: ${t}, expected ${types.join("|")}`);
  }
  if ("const" in s && v !== s.const) errors.push(`${at}: ${JSON.stringify(v)} !== ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.includes(v)) errors.push(`${at}: ${JSON.stringify(v)} not in ${s.enum}`);
  if (typeof v === "number") {
    if (typeof s.minimum === "number" && v < s.minimum) errors.push(`${at}: ${v} < ${s.minimum}`);
    if (typeof s.maximum === "number" && v > s.maximum) errors.push(`${at}: ${v} > ${s.maximum}`);
  }
  if (typeof v === "string" && typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(v)) {
    errors.push(`${at}: "${v}" does not match ${s.pattern}`);
  }
  if (t === "object") {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const k of (s.required ?? []) as string[]) if (!(k in o)) errors.push(`${at}: missing ${k}`);
    for (const [k, value] of Object.entries(o)) {
      if (k in props) errors.push(...validate(props[k], value, `${at}.${k}`));
      else if (s.additionalProperties !== undefined) errors.push(...validate(s.additionalProperties as Schema, value, `${at}.${k}`));
    }
  }
  if (t === "array") {
    const a = v as unknown[];
    const prefix = (s.prefixItems ?? []) as Schema[];
    if (typeof s.minItems === "number" && a.length < s.minItems) errors.push(`${at}: ${a.length} items < ${s.minItems}`);
    a.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : (s.items as Schema | undefined);
      if (sub !== undefined) errors.push(...validate(sub, item, `${at}[${i}]`));
    });
  }
  return errors;
}

/** Runs memassert with --json to stdout and returns the parsed result. */
function measured(args: string[]): unknown {
  const r = runCli(["run", "--quiet", "--json", ...args]);
  assert.is(r.stderr, "", r.stderr);
  return JSON.parse(r.stdout);
}

/** The fields of `export interface NAME { ... }` in runner/measure/result.ts or runner/trace/types.ts. */
function fieldsOf(name: string): string[] {
  const source = ["runner/measure/result.ts", "runner/trace/types.ts"].map((f) => readFileSync(`${ROOT}${f}`, "utf8")).join("\n");
  const start = source.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `runner/measure/result.ts or runner/trace/types.ts declares ${name}`);
  const body = source.slice(start, source.indexOf("\n}", start));
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

function propertiesOf(s: Record<string, any>): string[] {
  return Object.keys(s.properties).sort();
}

test("the schema describes every field of the TypeScript shapes", () => {
  const defs = schema.$defs as Record<string, any>;
  assert.equal(propertiesOf(schema), fieldsOf("MeasureResult"));
  assert.equal(propertiesOf(defs.process), fieldsOf("ProcessResult"));
  assert.equal(propertiesOf(defs.rssSplit), fieldsOf("RssSplit"));
  assert.equal(propertiesOf(defs.mark), fieldsOf("Mark"));
});

test("a real --json output of a tree, with a timeline, is valid", () => {
  const result = measured(["--timeline", "--", "sh", "-c", "sh -c 'exit 0'; kill -9 $$"]) as Record<string, any>;
  assert.equal(validate(schema, result), []);
  assert.ok(result.processes.length >= 2, "a tree was measured");
  assert.ok(result.samples.length > 0, "the timeline was recorded");
});

test("a real --json output with marks is valid", () => {
  const code = `const m = await import(${JSON.stringify(`${ROOT}runner/trace/mark.ts`)}); await m.prepareMark(); m.markNow(1); m.markNow(2);`;
  const child = typeof Deno !== "undefined" ? [Deno.execPath(), "eval", code] : [process.execPath, "-e", code];
  const result = measured(["--", ...child]) as Record<string, any>;
  assert.equal(validate(schema, result), []);
  assert.equal(result.marks?.map((m: { id: number }) => m.id), [1, 2]);
});

test("real outputs of fast and sample modes are valid", () => {
  for (const mode of ["fast", "sample"]) {
    assert.equal(validate(schema, measured(["--mode", mode, "--", "sh", "-c", "sleep 0.05"])), [], mode);
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
  assert.ok(broken((r) => (r.samples = [[1, 2, 3]])).length > 0, "short sample");
});

test.run();
