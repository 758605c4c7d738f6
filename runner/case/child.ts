/**
 * What runs inside a case's own process: load the file, settle the heap,
 * mark the start, run the one case, mark the end, write the verdict. The
 * tracer outside attributes the peak between the two marks to the case.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { armExact, MARK, markNow, prepareMark } from "../trace/mark.ts";
import { describe, withoutOwnFrames } from "./describe.ts";
import { fullGc } from "./gc.ts";
import { provideMemassertModule } from "./provide.ts";
import { resetRegistry } from "./registry.ts";

/** What the child writes for the runner. */
export interface ChildVerdict {
  error: string | null;
}

/** Runs case `index` of `file` (whose name must be `name`) and writes the verdict to `out`. */
export async function runCase(file: string, index: number, name: string, out: string): Promise<void> {
  await prepareMark();
  await provideMemassertModule();
  const reg = resetRegistry(file);
  await import(pathToFileURL(file).href);
  const c = reg.cases[index];
  if (c === undefined || c.name !== name) {
    throw new Error(`${file} changed while running: case ${index} is no longer "${name}"`);
  }
  await fullGc();
  armExact();
  let error: string | null = null;
  markNow(MARK.CASE_START);
  try {
    await c.fn();
  } catch (err) {
    error = withoutOwnFrames(describe(err));
  }
  markNow(MARK.CASE_END);
  const verdict: ChildVerdict = { error };
  writeFileSync(out, JSON.stringify(verdict));
}
