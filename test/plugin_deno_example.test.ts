/**
 * memassert/deno in a real `deno test --allow-run` run of examples/deno: the ordinary test and
 * the memory cases pass (both declaration forms), and the case over its budget on purpose
 * fails with the figure, the limit and where the limit is set, its stack at its own line.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { DENO, runIn } from "./helpers/runtimes.ts";

test("deno test on the example: three pass, the one over budget fails at its own line", () => {
  const r = runIn(`${ROOT}examples/deno`, [DENO, "test", "--allow-run"]);
  assert.is(r.status, 1, r.all);
  for (const name of ["parses every row", "parse 10k rows", "index 20k rows"]) {
    assert.match(r.all, new RegExp(`\\n${name} \\.\\.\\. ok \\(`), `"${name}" did not pass`);
  }
  assert.match(r.all, /\nindex 100k rows within 4 MiB \(fails on purpose\) \.\.\. FAILED \(/);
  assert.match(r.all, /FAILED \| 3 passed \| 1 failed/);
  assert.match(
    r.all,
    /error: Error: growth \d+\.\d MiB is over its limit of 4\.0 MiB by \d+\.\d MiB \(\d+\.\d× the limit\); the limit is set in memtest\("index 100k rows within 4 MiB \(fails on purpose\)", \{ … \}\) at over_budget\.fails_test\.ts:6\n\s+at file:\/\/\/\S+\/examples\/deno\/over_budget\.fails_test\.ts:6:1\n/,
  );
});

test.run();
