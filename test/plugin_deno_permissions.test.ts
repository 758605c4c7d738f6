/**
 * memassert/deno needs --allow-run and nothing else: without it, the case fails before
 * anything starts, naming the flag to add; with it alone (no -A, no --allow-read, no
 * --allow-ffi, no --allow-env), the case runs and passes.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { DENO, runIn } from "./helpers/runtimes.ts";

const DIR = `${ROOT}test/fixtures/deno`;

test("without --allow-run: the failure names --allow-run", () => {
  const r = runIn(DIR, [DENO, "test", "keep64_test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.match(r.all, /error: Error: memtest\("keep 64 MiB"\) needs to start memassert, which traces the case: run deno test with --allow-run \(or --allow-run=\S+\)\n\s+at file:\/\/\/\S+\/keep64_test\.ts:6:1/);
  assert.not.match(r.all, /NotCapable/);
});

test("with --allow-run alone: it passes", () => {
  const r = runIn(DIR, [DENO, "test", "--allow-run", "keep64_test.ts"]);
  assert.is(r.status, 0, r.all);
  assert.match(r.all, /ok \| 1 passed \| 0 failed/);
});

test.run();
