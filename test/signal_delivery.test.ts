/**
 * Signals reach the traced program as they would untraced: one that raises SIGTRAP (which a
 * tracer might take for its own) dies of it.
 */
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";

test("a program that raises SIGTRAP dies of it under memassert too", async () => {
  const prog = compileFixture("raise_trap");
  assert.is(spawnSync(prog).signal, "SIGTRAP", "untraced");
  for (const mode of ["exact", "fast"] as const) {
    const r = await measure([prog], { mode });
    assert.is(r.signal, "SIGTRAP", `${mode}: ended with ${r.signal ?? `exit ${r.exitCode}`}`);
  }
});

test.run();
