/**
 * The machine code memassert runs (ffi/x86_64/native.ts) is exactly what its assembly
 * source (ffi/x86_64/native.S) assembles to with this machine's gcc.
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { assemble, render } from "../build/asm.ts";
import { ROOT } from "./helpers/cli.ts";

test("ffi/x86_64/native.ts holds the bytes of ffi/x86_64/native.S", () => {
  const committed = readFileSync(`${ROOT}ffi/x86_64/native.ts`, "utf8");
  const built = assemble();
  assert.ok(built.hex.length > 400, `${built.hex.length / 2} bytes of code`);
  assert.is(committed, render(built), "stale: run bun build/asm.ts");
});

test.run();
