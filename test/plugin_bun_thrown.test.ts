/**
 * memassert/bun: a case that throws fails with its own error and stack, at its own line,
 * with what it printed; no frame of memassert's is shown.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

test("the case's RangeError, its line, and its output", () => {
  const r = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./throws.test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.match(r.all, /error: RangeError: the case itself failed\n\s+at <anonymous> \(throws\.test\.ts:5:13\)\n/);
  assert.match(r.all, /what the case printed:\nabout to fail\n/);
  assert.match(r.all, /\n\s+at \/\S+\/throws\.test\.ts:3:1\n/);
  assert.not.match(r.all, /plugins\/bun|runner\/case/, "memassert's own frames are shown");
});

test.run();
