/**
 * The machine code memassert runs (ffi/native_x86_64.ts) is exactly what its assembly
 * source (ffi/native_x86_64.S) assembles to with this machine's gcc.
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { assemble, render } from "../build/asm.ts";
import { ROOT } from "./helpers/cli.ts";

test("ffi/native_x86_64.ts holds the bytes of ffi/native_x86_64.S", () => {
  const committed = readFileSync(`${ROOT}ffi/native_x86_64.ts`, "utf8");
  const built = assemble();
  assert.ok(built.hex.length > 400, `${built.hex.length / 2} bytes of code`);
  assert.is(committed, render(built), "stale: run bun build/asm.ts");
});

test.run();
