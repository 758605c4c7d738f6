/**
 * A case's timeout covers its body only: 1.5 s of top-level setup does not count against
 * `{ timeout: 1000 }`, and an empty case passes `--timeout 50` even where starting its
 * process takes longer (Deno). Loading the file in the case's process has a limit of its
 * own, `--load-timeout`, and a case that never gets past it fails saying so. (The time its
 * process takes to exit after the case is not the case's either.)
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

function run(args: string[]): { status: number | null; report: TestReport; out: string } {
  const r = runCli(["test", ...args, "--reporter", "json"]);
  return { status: r.status, report: JSON.parse(r.stdout) as TestReport, out: r.stdout + r.stderr };
}

test("1.5 s of top-level setup does not count against { timeout: 1000 }", () => {
  const r = run(["test/fixtures/mem/slow_load/setup.mem.ts"]);
  assert.is(r.status, 0, r.out);
  const [c] = r.report.results;
  assert.is(c.status, "passed", r.out);
  assert.ok(c.wallMs >= 1500, `the case's process loaded its file for ${c.wallMs} ms, the setup included`);
});

test("an empty case passes --timeout 50", () => {
  const r = run(["test/fixtures/mem/empty/empty.mem.ts", "--timeout", "50"]);
  assert.is(r.status, 0, r.out);
  assert.is(r.report.results[0].status, "passed", r.out);
});

test("a case's process still loading its file at --load-timeout fails as loading, not as timed out", () => {
  // Long enough for the file to be listed on a busy machine; far shorter than its 30 s.
  const r = run(["test/fixtures/mem/slow_load/case_only.mem.ts", "--load-timeout", "4000"]);
  assert.is(r.status, 1, r.out);
  const [c] = r.report.results;
  assert.is(c.status, "failed", r.out);
  assert.is(c.failure, "its file did not finish loading within 4000 ms, before the case could start (give it longer with --load-timeout)");
  assert.ok(c.wallMs < 20_000, `it was stopped at ${c.wallMs} ms, not after its 30 s of loading`);
});

test.run();
