/**
 * What the baseline gate's tests share: a temporary folder for baselines and results, the
 * fixture whose cases keep as many MiB as their environment says, and its JSON report.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as assert from "uvu/assert";
import type { TestReport } from "../../mod.ts";
import { type CliOptions, type CliRun, runCli } from "./cli.ts";

/** A case of `keeps.mem.ts` per letter, each keeping MEMASSERT_FIXTURE_<letter> MiB (default 8). */
export const KEEPS = "test/fixtures/mem/gate/keeps.mem.ts";
export const ID_A = `${KEEPS} › keeps A`;
export const ID_B = `${KEEPS} › keeps B`;

/** Runs `fn` with a fresh temporary folder, removed afterwards. */
export async function inTemp<T>(fn: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "memassert-gate-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `memassert test ARGS` with the fixture's sizes (MiB) in its environment; asserts its exit status. */
export function testWith(sizes: { A?: number; B?: number }, args: string[], status: number, opts: CliOptions = {}): CliRun {
  const env: Record<string, string> = { ...opts.env };
  if (sizes.A !== undefined) env.MEMASSERT_FIXTURE_A = String(sizes.A);
  if (sizes.B !== undefined) env.MEMASSERT_FIXTURE_B = String(sizes.B);
  const r = runCli(["test", "-j", "2", ...args], { ...opts, env, timeoutMs: opts.timeoutMs ?? 180_000 });
  assert.is(r.status, status, `memassert test ${args.join(" ")}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The JSON report on stdout of a run with --reporter json. */
export function reportOf(r: CliRun): TestReport {
  return JSON.parse(r.stdout) as TestReport;
}

/** The result of case `name` in `report`. */
export function caseNamed(report: TestReport, name: string) {
  const c = report.results.find((x) => x.name === name);
  assert.ok(c, `no case named ${name} in ${report.results.map((x) => x.name).join(", ")}`);
  return c;
}
