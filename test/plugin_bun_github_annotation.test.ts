/**
 * Under GITHUB_ACTIONS, `bun test` prints an `::error` annotation for a failing test from its
 * Error's stack: memassert/bun's failure lands on the test file's own memtest() line, with
 * the figure and the limit in its title.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

test("the annotation names over-budget.fails.test.ts, line 6", () => {
  const r = runIn(`${ROOT}examples/bun`, [BUN, "test", "./over-budget.fails.test.ts"], { GITHUB_ACTIONS: "true" });
  assert.is(r.status, 1, r.all);
  const annotations = r.all.split("\n").filter((l) => l.startsWith("::error "));
  assert.is(annotations.length, 1, r.all);
  assert.match(annotations[0], /^::error file=over-budget\.fails\.test\.ts,line=6,col=1,title=error: growth \d+\.\d MiB is over its limit of 4\.0 MiB by /);
});

test.run();
