/**
 * A case whose process, loading its file again, does not find it (its name is made at run
 * time) fails saying so, under bun test and under deno test, rather than passing on an exit
 * status: `bun test -t` exits 1 and `deno test --filter` 0 when nothing matches.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, DENO, runIn } from "./helpers/runtimes.ts";

const WHY = "was not declared again when its file was loaded in the case's process: " +
  "declare it at the module's top level (or in a describe/suite), with a name that does not change between runs";

test("bun test", () => {
  const r = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./unstable.test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.match(r.all, /error: memtest "made at \d+" at unstable\.test\.ts:4 was not declared again/);
  assert.ok(r.all.includes(WHY), r.all);
});

test("deno test", () => {
  const r = runIn(`${ROOT}test/fixtures/deno`, [DENO, "test", "--allow-run", "unstable_test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.match(r.all, /error: Error: memtest "made at [\d.]+" at unstable_test\.ts:4 was not declared again/);
  assert.ok(r.all.includes(WHY), r.all);
});

test.run();
