/**
 * `--mode sample` reads /proc every 10 ms: a command that ends before the first reading has
 * no figures. That is said, and a budget never passes on it.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { assertPeakBelow, BudgetExceededError, measure } from "../mod.ts";
import { EXIT } from "../runner/cli/main.ts";
import { runCli } from "./helpers/cli.ts";

test("run --mode sample on a command shorter than one poll: exit 99, nothing read", () => {
  const r = runCli(["run", "--mode", "sample", "--budget", "1MiB", "--", "true"]);
  assert.is(r.status, EXIT.budgetExceeded, r.stderr);
  assert.match(r.stderr, /the command ended before \/proc could be read .*: nothing was measured/);
  assert.match(r.stderr, /root peak unknown: nothing was read before the command ended, so --budget 1MiB cannot pass/);
});

test("assertPeakBelow refuses a sampled result that read nothing", async () => {
  const r = await measure(["true"], { mode: "sample" });
  assert.is(r.root.peakRss, 0);
  assert.throws(() => assertPeakBelow(r, "1 MiB"), (e: unknown) => e instanceof BudgetExceededError && /nothing was read/.test(e.message));
});

test.run();
