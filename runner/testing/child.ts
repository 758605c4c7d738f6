/**
 * What runs inside a case's own process: load the file, settle the heap,
 * mark the start, run the one case, mark the end, write the verdict. The
 * tracer outside attributes the peak between the two marks to the case.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { armExact, MARK, markNow, prepareMark } from "../mark.ts";
import { describe } from "./collect.ts";
import { provideMemassertModule } from "./provide.ts";
import { resetRegistry } from "./registry.ts";

/** What the child writes for the runner. */
export interface ChildVerdict {
  error: string | null;
}

/**
 * A full collection. Under Deno, gc is exposed here rather than with
 * --v8-flags=--expose-gc: Deno keeps one V8 code cache per set of flags, and
 * a case's process started with other flags than the runner's would throw
 * away and rebuild the cache of every module they share.
 */
async function fullGc(): Promise<void> {
  const g = globalThis as { Bun?: { gc(full: boolean): void } };
  if (g.Bun) {
    // JavaScriptCore: a second pass collects what the first one's finalizers freed.
    g.Bun.gc(true);
    g.Bun.gc(true);
    return;
  }
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed();
  const [{ default: v8 }, { default: vm }] = await Promise.all([import("node:v8"), import("node:vm")]);
  v8.setFlagsFromString("--expose-gc");
  // One full V8 collection settles the heap as well as two. Through a new context it takes
  // 5-10 ms (the exposed gc(): ~2 ms).
  vm.runInNewContext("gc")();
}

/** The error's text without the stack frames of memassert's own case runner. */
function withoutOwnFrames(text: string): string {
  const own = new URL(".", import.meta.url).pathname;
  return text.split("\n").filter((line) => !(/^\s+at /.test(line) && line.includes(own))).join("\n");
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
