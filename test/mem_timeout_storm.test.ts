/**
 * Cases killed by their timeout while their process is still starting (threads being cloned,
 * the exec not yet done) never hang memassert test: every case is reported as timed out, the
 * run ends, and no process is left behind, stopped or not.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { runCli } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";

const FILE = "test/fixtures/mem/storm/alloc.mem.ts";

test("16 cases killed by timeouts of 40–157 ms, three times over: no hang, all reported", () => {
  for (let run = 0; run < 3; run++) {
    const r = runCli(["test", "-j", "2", "--reporter", "json", FILE], { timeoutMs: 90_000 });
    assert.is(r.status, EXIT.testsFailed, `run ${run}: ${r.stderr}`);
    const report = JSON.parse(r.stdout);
    assert.is(report.results.length, 16);
    for (const c of report.results) assert.match(c.failure, /^timed out after \d+ ms/);
    assert.equal(processesMentioning("storm/alloc.mem.ts", { state: true }), [], `run ${run} left processes`);
  }
});

test.run();
