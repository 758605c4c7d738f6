// deno-lint-ignore-file no-explicit-any -- the validator walks JSON of any shape
/**
 * The subset of JSON Schema 2020-12 that memassert's schemas use, and a way to load them and
 * to read the fields a TypeScript interface declares, so tests can hold the two together.
 */
import { readFileSync } from "node:fs";
import * as assert from "uvu/assert";
import { ROOT } from "./cli.ts";

/** A schema of schema/, parsed. */
export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${ROOT}schema/${name}`, "utf8")) as Record<string, unknown>;
}

/** The fields of `export interface NAME { ... }` in one of `files` (relative to the root). */
export function fieldsOf(name: string, files: string[]): string[] {
  const source = files.map((f) => readFileSync(`${ROOT}${f}`, "utf8")).join("\n");
  const start = source.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `${files.join(" or ")} declares ${name}`);
  const body = source.slice(start, source.indexOf("\n}", start));
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

/** The property names a schema object declares, sorted. */
export function propertiesOf(s: Record<string, any>): string[] {
  return Object.keys(s.properties).sort();
}

export type Schema = Record<string, unknown> | boolean;

/** Keywords that only document. Any other keyword must be one `validate` knows, so none is silently skipped. */
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "$defs"]);
const KNOWN = new Set(["$ref", "type", "const", "enum", "required", "properties", "additionalProperties",
  "items", "prefixItems", "minItems", "minimum", "maximum", "pattern", "anyOf"]);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number" && Number.isInteger(v)) return "integer";
  return typeof v;
}

/** The errors of `v` against `s`, a part of the schema `root` (which `$ref`s point into). */
export function validate(root: Record<string, unknown>, s: Schema, v: unknown, at = "$"): string[] {
  if (s === true) return [];
  if (s === false) return [`${at}: not allowed`];
  for (const k of Object.keys(s)) {
    if (!ANNOTATIONS.has(k) && !KNOWN.has(k)) throw new Error(`validator does not know keyword ${k} (at ${at})`);
  }
  const errors: string[] = [];
  if (typeof s.$ref === "string") {
    const target = s.$ref.replace(/^#\//, "").split("/").reduce((o: any, key) => o?.[key], root);
    if (target === undefined) throw new Error(`unresolved $ref ${s.$ref}`);
    errors.push(...validate(root, target, v, at));
  }
  if (Array.isArray(s.anyOf)) {
    const each = s.anyOf.map((sub: Schema) => validate(root, sub, v, at));
    if (each.every((e: string[]) => e.length > 0)) errors.push(`${at}: matches none of anyOf (${each.map((e: string[]) => e[0]).join("; ")})`);
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
      if (k in props) errors.push(...validate(root, props[k], value, `${at}.${k}`));
      else if (s.additionalProperties !== undefined) errors.push(...validate(root, s.additionalProperties as Schema, value, `${at}.${k}`));
    }
  }
  if (t === "array") {
    const a = v as unknown[];
    const prefix = (s.prefixItems ?? []) as Schema[];
    if (typeof s.minItems === "number" && a.length < s.minItems) errors.push(`${at}: ${a.length} items < ${s.minItems}`);
    a.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : (s.items as Schema | undefined);
      if (sub !== undefined) errors.push(...validate(root, sub, item, `${at}[${i}]`));
    });
  }
  return errors;
}
