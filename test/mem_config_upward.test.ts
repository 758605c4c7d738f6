/**
 * `memassert test` finds the project's config as other tools find theirs: the nearest
 * `memassert.config.ts`, or package.json with a "memassert" field, from the current
 * directory upward. Run from a subfolder, the project's 1 MiB growth limit still applies
 * (the case keeps 8 MiB and fails, naming the config); a nearer config wins over a farther
 * one; a package.json without the field on the way does not stop the search.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const UP = join(ROOT, "test/fixtures/mem/config/up");

function run(cwd: string): { status: number | null; report: TestReport; out: string } {
  const r = runCli(["test", "--reporter", "json"], { cwd });
  return { status: r.status, report: JSON.parse(r.stdout) as TestReport, out: r.stderr + r.stdout };
}

test("memassert.config.ts two folders up sets the limit of a run from a subfolder", () => {
  const r = run(join(UP, "sub"));
  assert.is(r.status, 1, r.out);
  assert.is(r.report.results.length, 1, r.out);
  const [c] = r.report.results;
  assert.is(c.status, "failed", r.out);
  assert.is(c.growthBudget, 1 * MiB);
  assert.ok((c.failure ?? "").endsWith(`the limit is set in ${join(UP, "memassert.config.ts")} (export default { … })`), c.failure ?? "");
});

test("the nearest config wins over one further up", () => {
  const r = run(join(UP, "near"));
  assert.is(r.status, 0, r.out);
  assert.is(r.report.results[0].growthBudget, 64 * MiB, r.out);
});

test('package.json "memassert" field above, through a package.json without one', () => {
  // A project that installed memassert, with its tests in a package of their own.
  const dir = mkdtempSync(join(tmpdir(), "memassert-up-"));
  try {
    cpSync(join(ROOT, "test/fixtures/mem/config/pkg/package.json"), join(dir, "package.json"));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "memassert"));
    const sub = join(dir, "packages", "csv");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, "package.json"), JSON.stringify({ name: "csv", private: true }));
    mkdirSync(join(sub, "node_modules"));
    symlinkSync(ROOT, join(sub, "node_modules", "memassert"));
    cpSync(join(UP, "sub", "grow8.mem.ts"), join(sub, "grow8.mem.ts"));
    const r = run(sub);
    assert.is(r.status, 1, r.out);
    const [c] = r.report.results;
    assert.is(c.growthBudget, 1 * MiB, r.out);
    assert.ok((c.failure ?? "").endsWith(`the limit is set in ${join(dir, "package.json")} "memassert" field`), c.failure ?? "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
