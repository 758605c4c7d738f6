/**
 * A traced program's own seccomp filter that returns SECCOMP_RET_TRACE gets what it would get
 * with no tracer: the call fails with ENOSYS. Such a stop is the program's, not memassert's,
 * and memassert's answer would let the call run.
 */
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";

test("a program's own SECCOMP_RET_TRACE still fails with ENOSYS under memassert", async () => {
  const prog = compileFixture("own_seccomp");
  assert.is(spawnSync(prog).status, 0, "untraced, getppid fails with ENOSYS");
  for (const mode of ["exact", "fast"] as const) {
    const r = await measure([prog], { mode });
    assert.is(r.exitCode, 0, `${mode}: getppid did not fail with ENOSYS (exit ${r.exitCode})`);
  }
});

test.run();
