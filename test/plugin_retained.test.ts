/**
 * The plugins take the retained limits, `warmup` and `leakRuns` as `memassert test` does, and
 * report them the same way: a memtest that leaves 50 000 Sessions behind on every run fails its
 * heapRetained limit and its leak slope under `bun test` and `deno test`, and its results name
 * Session among the types that grew.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CaseResult } from "../mod.ts";
import { ROOT } from "./helpers/cli.ts";
import { BUN, DENO, readResults, runIn } from "./helpers/runtimes.ts";

const KiB = 1024;

function check(c: CaseResult, all: string): void {
  assert.is(c.status, "failed", all);
  assert.is(c.heapRetainedBudget, 1024 * KiB);
  assert.ok(c.heapRetained! > 1024 * KiB, `heapRetained ${c.heapRetained}`);
  assert.is(c.leak?.runs, 4);
  assert.is(c.leak?.leaking, true);
  assert.ok(c.leak!.slope > 64 * KiB, `slope ${c.leak!.slope}`);
  assert.match(c.failure ?? "", /^heap retained \S+ MiB is over its limit of 1\.0 MiB[^\n]*\nheap retained grows \S+ MiB per run over runs 2 to 4/);
  assert.ok(c.types?.some((t) => t.type === "Session" && t.count >= 50_000 * 4), JSON.stringify(c.types));
}

function run(cwd: string, command: string[]): void {
  const tmp = mkdtempSync(join(tmpdir(), "memassert-plugin-retained-"));
  const report = join(tmp, "results.jsonl");
  try {
    const r = runIn(cwd, command, { MEMASSERT_REPORT: report });
    assert.is(r.status, 1, r.all);
    const [c, ...more] = readResults(report);
    assert.equal(more, []);
    // The results file holds whole reports; readResults types only the fields most tests read.
    check(c as unknown as CaseResult, r.all);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

test("bun test with memassert/bun", () => run(`${ROOT}test/fixtures/bun`, [BUN, "test", "./leak.test.ts"]));

test("deno test with memassert/deno", () => run(`${ROOT}test/fixtures/deno`, [DENO, "test", "--allow-run", "leak_test.ts"]));

test.run();
