/**
 * `memassert test` reads the project's limits from the current directory: a
 * `memassert.config.ts` exporting them by default, or else a "memassert" field in
 * package.json. A case over such a limit fails, saying the limit is set there. A budget
 * that is not a size fails its file, naming the case and the value.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const CONFIG = join(ROOT, "test/fixtures/mem/config");

function run(cwd: string): { status: number | null; report: TestReport; out: string } {
  const r = runCli(["test", "--reporter", "json"], { cwd });
  return { status: r.status, report: JSON.parse(r.stdout) as TestReport, out: r.stderr + r.stdout };
}

/** The one result of a project whose case keeps 8 MiB under a 1 MiB growth limit. */
function assertGrowthFailed(out: ReturnType<typeof run>, source: string): void {
  assert.is(out.status, 1, out.out);
  assert.equal(out.report.fileErrors, [], out.out);
  assert.is(out.report.results.length, 1, out.out);
  const [c] = out.report.results;
  assert.is(c.name, "grows 8 MiB");
  assert.is(c.status, "failed");
  assert.is(c.growthBudget, 1 * MiB);
  assert.is(c.budget, null);
  // The 8 MiB it keeps, less the few pages the runtime may give back between the start mark
  // and the allocation.
  assert.ok(c.growth! >= 7.5 * MiB, `growth ${c.growth} is under 7.5 MiB`);
  assert.match(c.failure ?? "", /^growth \d+\.\d MiB is over its limit of 1\.0 MiB by \d+\.\d MiB/);
  assert.ok((c.failure ?? "").endsWith(`the limit is set in ${source}`), c.failure ?? "");
}

test("memassert.config.ts in the current directory sets the limit", () => {
  // Paths under the report's root (where memassert ran) are relative to it.
  assertGrowthFailed(run(join(CONFIG, "ts")), "memassert.config.ts (export default { … })");
});

test('package.json "memassert" field in the current directory sets the limit', () => {
  // A project that installed memassert: its own copy of the fixture, with node_modules.
  // (Deno resolves "memassert" through the package.json nearest the test file.)
  const dir = mkdtempSync(join(tmpdir(), "memassert-pkg-"));
  try {
    cpSync(join(CONFIG, "pkg"), dir, { recursive: true });
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "memassert"));
    assertGrowthFailed(run(dir), 'package.json "memassert" field');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a budget that is not a size fails its file, naming the case and the value", () => {
  const file = join(CONFIG, "bad", "bad-budget.mem.ts");
  const r = runCli(["test", file, "--reporter", "json"]);
  assert.is(r.status, 1, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.results, [], "no case of a file that cannot be used runs");
  assert.is(report.fileErrors.length, 1, r.stdout);
  const [e] = report.fileErrors;
  assert.is(e.file, "test/fixtures/mem/config/bad/bad-budget.mem.ts");
  assert.match(e.message, `case "bad budget"`);
  assert.match(e.message, `budget "64 MB B"`);
  assert.match(e.message, `bad-budget.mem.ts:5`);
  assert.match(e.message, `unknown unit "MB B"`);
  assert.not.match(e.message, `case "fine"`);
});

test.run();
