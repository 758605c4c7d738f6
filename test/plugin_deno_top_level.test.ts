/**
 * memassert/deno: a memtest declared inside a test or a t.step() fails with an error that says
 * to declare it at the module's top level, instead of Deno's own "Nested Deno.test()".
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { DENO, runIn } from "./helpers/runtimes.ts";

test("inside a test and inside a step: both say to move it to the top level", () => {
  const r = runIn(`${ROOT}test/fixtures/deno`, [DENO, "test", "--allow-run", "nested_test.ts"]);
  assert.is(r.status, 1, r.all);
  for (const name of ["too late", "too late in a step"]) {
    assert.ok(
      r.all.includes(`TypeError: memtest("${name}") must be called at the module's top level, not inside a test or t.step()`),
      r.all,
    );
  }
});

test.run();
