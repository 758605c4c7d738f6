/**
 * memassert/bun's `memtest.skip`, `.todo`, `.if(condition)` and `.each(table)` do what the
 * same names of `bun:test` do; a table row's values reach the case's function in its process.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

test("skip, todo, if and each", () => {
  const r = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./variants.test.ts"]);
  assert.is(r.status, 0, r.all);
  for (const line of [
    "(pass) plain", "(skip) skipped", "(todo) to write", "(skip) under a false condition", "(pass) under a true condition",
    "(pass) row 1 a (0)", "(pass) row 2 b (1)", "(pass) object row 10",
  ]) assert.ok(r.all.includes(line), `no "${line}" in:\n${r.all}`);
  assert.match(r.all, /5 pass\n 2 skip\n 1 todo\n 0 fail/);
});

test("under CI=true, where Bun refuses test.only, a file using no memtest.only runs", () => {
  const r = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./variants.test.ts"], { CI: "true" });
  assert.is(r.status, 0, r.all);
});

test.run();
