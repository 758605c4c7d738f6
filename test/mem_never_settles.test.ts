/**
 * A case that awaits a promise nothing can settle any more (no timer, no I/O left) fails at
 * once saying so, under Bun and under Deno, rather than as "exited with code 1" with
 * memassert's own stack (Deno) or at its 30 s timeout (Bun); the other case of the file passes.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

test("a never-settling case is reported as such, at once", () => {
  const t0 = performance.now();
  const r = runCli(["test", "test/fixtures/mem/never_settles/never.mem.ts", "-j", "2", "--reporter", "json"]);
  const ms = performance.now() - t0;
  assert.is(r.status, 1, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as TestReport;
  const c = Object.fromEntries(report.results.map((x) => [x.name, x]));
  assert.is(c["settles"].status, "passed", r.stdout);
  const never = c["awaits a promise that never settles"];
  assert.is(never.status, "failed");
  assert.match(never.failure ?? "", /^its promise never settled: the case awaited something that nothing left running/);
  assert.not.match(never.failure + never.output, /runner\/case|exited with code/, "no word of memassert's own code");
  assert.ok(ms < 20_000, `it took ${Math.round(ms)} ms: it waited for the 30 s timeout`);
});

test.run();
