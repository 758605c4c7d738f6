/**
 * `callerLocation`: the `file:line` of the first stack frame inside the file being loaded,
 * on stacks as Bun (JavaScriptCore) and Deno (V8) really print them: named and anonymous
 * frames, `file://` URLs (Deno percent-encodes some of the path), and paths with spaces
 * and parentheses, which frame syntax also uses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { callerLocation } from "../runner/case/location.ts";

const root = mkdtempSync(join(tmpdir(), "memassert-location-"));

/** A module at `dir/name` whose line 2 makes a stack inside a function and line 4 at top level. */
async function stacksFrom(dir: string, name: string): Promise<{ file: string; inner: string; top: string }> {
  mkdirSync(join(root, dir), { recursive: true });
  const file = join(root, dir, name);
  writeFileSync(file, "export function inner() {\n  return new Error().stack;\n}\nexport const top = new Error().stack;\n");
  const mod = await import(pathToFileURL(file).href);
  return { file, inner: mod.inner(), top: mod.top };
}

test("a real stack of this runtime, in a plain path", async () => {
  const { file, inner, top } = await stacksFrom("plain", "a.mem.ts");
  assert.is(callerLocation(inner, file), `${file}:2`, inner);
  assert.is(callerLocation(top, file), `${file}:4`, top);
});

test("a real stack of this runtime, in a path with spaces and parentheses", async () => {
  const { file, inner, top } = await stacksFrom("my tests (copy)", "parse (v2).mem.ts");
  assert.is(callerLocation(inner, file), `${file}:2`, inner);
  assert.is(callerLocation(top, file), `${file}:4`, top);
});

test("Bun's stack shapes", () => {
  const file = "/home/u/my proj (1)/a b.mem.ts";
  const stack = [
    "Error",
    "    at declare (/home/u/memassert/runner/testing/api.ts:23:47)",
    "    at <anonymous> (/home/u/my proj (1)/a b.mem.ts:12:3)",
    "    at /home/u/my proj (1)/a b.mem.ts:30:1",
  ].join("\n");
  assert.is(callerLocation(stack, file), `${file}:12`);
  assert.is(callerLocation("Error\n    at /home/u/my proj (1)/a b.mem.ts:30:1", file), `${file}:30`);
  assert.is(callerLocation("Error\n    at async run (/home/u/my proj (1)/a b.mem.ts:5:9)", file), `${file}:5`);
});

test("V8's stack shapes, with file:// URLs encoded whole or in part", () => {
  const file = "/home/u/my proj (1)/a b.mem.ts";
  const stack = [
    "Error",
    "    at declare (file:///home/u/memassert/runner/testing/api.ts:23:47)",
    "    at Object.test (file:///home/u/memassert/runner/testing/api.ts:40:5)",
    "    at file:///home/u/my%20proj%20(1)/a b.mem.ts:8:1",
  ].join("\n");
  assert.is(callerLocation(stack, file), `${file}:8`);
  assert.is(callerLocation("Error\n    at Module.f (file:///home/u/my%20proj%20(1)/a%20b.mem.ts:9:3)", file), `${file}:9`);
  assert.is(callerLocation("Error\n    at new Suite (file:///home/u/my%20proj%20%281%29/a%20b.mem.ts:10:3)", file), `${file}:10`);
  assert.is(callerLocation("Error\n    at async file:///home/u/my%20proj%20(1)/a%20b.mem.ts:11:3", file), `${file}:11`);
});

test("a frame of another file with the same name is not taken for the caller", () => {
  const file = "/p/tests/a.mem.ts";
  const stack = "Error\n    at helper (/p/lib/a.mem.ts:3:1)\n    at /p/tests/a.mem.ts:6:1";
  assert.is(callerLocation(stack, file), "/p/tests/a.mem.ts:6");
});

test("without a frame in the file (no stack at all, or only other files), the file itself", () => {
  assert.is(callerLocation(undefined, "/p/a.mem.ts"), "/p/a.mem.ts");
  assert.is(callerLocation("Error\n    at x (/p/b.ts:1:1)", "/p/a.mem.ts"), "/p/a.mem.ts");
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test.run();
