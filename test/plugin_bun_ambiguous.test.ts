/**
 * memassert/bun keys a case by its file, its place in the file and its name: a helper called
 * from two lines declares two cases, and two declarations with the same key (a loop) both fail
 * as an "ambiguous memtest", naming the line.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

test("same name from a helper: two cases; same name from one loop line: both fail as ambiguous", () => {
  const r = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./ambiguous.test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.is(r.all.split("(pass) same name").length - 1, 2, r.all);
  assert.is(r.all.split("(fail) looped").length - 1, 2, r.all);
  const message = 'error: ambiguous memtest "looped": declared 2 times with the same name at the same place, ' +
    "at ambiguous.test.ts:11 and at ambiguous.test.ts:11; give each a name of its own";
  assert.is(r.all.split(message).length - 1, 2, r.all);
});

test.run();
