/**
 * memassert/deno's `only` and `ignore` (as methods and as options) are Deno.test's: with an
 * `only` case, only it runs and the run exits 1; ignored cases never run.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { DENO, runIn } from "./helpers/runtimes.ts";

test("only the chosen case runs, and Deno fails the run for its `only`", () => {
  const r = runIn(`${ROOT}test/fixtures/deno`, [DENO, "test", "--allow-run", "only_test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.match(r.all, /\nchosen \.\.\. ok \(/);
  assert.match(r.all, /ok \| 1 passed \| 0 failed \| 3 filtered out/);
  assert.match(r.all, /Test failed because the "only" option was used/);
});

test.run();
