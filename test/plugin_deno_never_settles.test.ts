/**
 * memassert/deno: a memtest whose promise can never settle fails at once saying so, as under
 * `memassert test`, not as a case process that "exited with code 1" with memassert's stack.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { DENO, runIn } from "./helpers/runtimes.ts";

test("the never-settling memtest fails saying so; the other passes", () => {
  const r = runIn(`${ROOT}test/fixtures/deno`, [DENO, "test", "--allow-run", "never_settles_test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.match(r.all, /awaits a promise that never settles \.\.\. FAILED/);
  assert.match(r.all, /settles \.\.\. ok/);
  assert.match(r.all, /error: Error: its promise never settled: the case awaited something that nothing left running/);
  assert.not.match(r.all, /exited with code|Top-level await promise never resolved/);
});

test.run();
