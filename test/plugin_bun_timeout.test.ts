/**
 * memassert/bun ends a case at its own timeout, before Bun's, and kills its process: Bun's
 * timeout would only end the test's direct child, and the case's process is the tracer's.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

// The case's process names the file by its full path (bun test FILE -t TOKEN).
const CASE_FILE = `${ROOT}test/fixtures/bun/timeout.test.ts`;

test("a case that never ends fails after its 1 s timeout, leaving no process", () => {
  assert.equal(processesMentioning(CASE_FILE), []);
  const r = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./timeout.test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.match(r.all, /error: timed out after 1000 ms \(set \{ timeout \} in the options of memtest\(\)\)/);
  assert.ok(!r.all.includes("timed out after 31000ms"), "Bun's timeout fired first");
  assert.equal(processesMentioning(CASE_FILE), []);
});

test.run();
