/**
 * memassert/bun in a real `bun test` run of examples/bun: the ordinary tests and the memory
 * cases beside them pass (describe labels, a table, a matcher), and the case over its budget
 * on purpose fails with the figure, the limit and where the limit is set, at its own line.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

const DIR = `${ROOT}examples/bun`;

test("bun test on the example: five pass, the one over budget fails at its own line", () => {
  const r = runIn(DIR, [BUN, "test"]);
  assert.is(r.status, 1, r.all);
  for (const name of ["parses every row", "csv > parse 10k rows", "csv > index 1000 rows", "csv > index 20000 rows", "sort a million lines"]) {
    assert.ok(r.all.includes(`(pass) ${name}`), `"${name}" did not pass:\n${r.all}`);
  }
  assert.ok(r.all.includes("(fail) index 100k rows within 4 MiB (fails on purpose)"), r.all);
  assert.match(r.all, /5 pass\n 1 fail/);
  assert.match(
    r.all,
    /error: growth \d+\.\d MiB is over its limit of 4\.0 MiB by \d+\.\d MiB \(\d+\.\d× the limit\); the limit is set in memtest\("index 100k rows within 4 MiB \(fails on purpose\)", \{ … \}\) at over-budget\.fails\.test\.ts:6\n/,
  );
  assert.match(r.all, /\n\s+at \/\S+\/examples\/bun\/over-budget\.fails\.test\.ts:6:1\n/, "the failure does not point at the memtest() line");
});

test.run();
