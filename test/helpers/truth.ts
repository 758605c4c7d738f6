/**
 * The truths a fixture reports about itself (see test/fixtures/truth.h): a temporary
 * file the fixture appends "key value" lines to, and the assertions that compare a
 * measured figure with it. Only node: modules, so it runs under Bun and Deno.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as assert from "uvu/assert";
import { measure, type MeasureResult } from "../../mod.ts";
import { compileFixture } from "./compile.ts";

export const KiB = 1024;
export const MiB = 1024 * 1024;

/**
 * How far one process's peak may be from the fixture's own reading at its peak: four
 * pages. An exact peak is read right before the freeing call, the truth a few
 * instructions earlier, so the two differ only by what those instructions fault in
 * (truth.h's settle() maps the program's code beforehand): 0–4 KiB was seen over repeated
 * runs of every fixture under both runtimes, alone and with the machine loaded. The
 * kernel's VmHWM, the figure a lazier tracer would give, is off by 108–196 KiB on the same
 * fixtures, and a peak read one freeing call late (a missed rule) by megabytes: a tolerance
 * above ~64 KiB would let the first kind of mistake pass.
 */
export const ROOT_TOLERANCE = 16 * KiB;

/**
 * How far one process's peak PSS may be from its own reading: more than for RSS, because
 * the PSS of its shared library pages is their size divided by the processes mapping them,
 * which moves as other processes on the machine start and end between the two readings
 * (36 KiB seen once with the suite loading the machine). The mistakes PSS tests are there
 * to catch (a reading made while pages were shared kept after the sharing ended, growth
 * left out) are off by a megabyte or more.
 */
export const PSS_TOLERANCE = 64 * KiB;

/**
 * How far a tree's peak may be from the sum of its processes' readings: the per-process
 * tolerance for each process in the sum. A percentage would grow with the memory (1 % of
 * 270 MiB is 2.7 MiB, more than a whole missed mapping of some fixtures), where the error
 * grows only with the number of readings added up.
 */
export function treeTolerance(processes: number): number {
  return ROOT_TOLERANCE * processes;
}

/** A fresh path for a fixture to write its truths to, and a way to read them back. */
export function truthFile(): { path: string; read(): Record<string, number>; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "memassert-truth-"));
  const path = join(dir, "truth");
  return {
    path,
    read() {
      const out: Record<string, number> = {};
      for (const line of readFileSync(path, "utf8").split("\n")) {
        if (line === "") continue;
        const [key, value] = line.split(" ");
        if (key in out) throw new Error(`Truth "${key}" written twice in ${path}`);
        out[key] = Number(value);
      }
      return out;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(3)} MiB (${bytes} B)`;
}

/** Asserts `got` is within `tolerance` bytes of `want`, saying both in MiB. */
export function near(got: number, want: number, tolerance: number, what: string): void {
  const off = got - want;
  assert.ok(
    Math.abs(off) <= tolerance,
    `${what}: got ${mib(got)}, truth ${mib(want)}, off by ${(off / KiB).toFixed(0)} KiB (allowed ±${(tolerance / KiB).toFixed(0)} KiB)`,
  );
}

/** Asserts a tree figure `got` is within {@link treeTolerance} of `want`, the sum over `processes` processes. */
export function nearTree(got: number, want: number, processes: number, what: string): void {
  near(got, want, treeTolerance(processes), what);
}

/** What {@link runFixture} gives back: the result, the fixture's truths, and the argv it ran. */
export interface FixtureRun {
  r: MeasureResult;
  t: Record<string, number>;
  argv: string[];
}

/**
 * Compiles fixture `name` and measures it in exact mode (its stdout ignored), with a
 * fresh truth file as its first argument and `args` after it.
 */
export async function runFixture(name: string, args: string[] = []): Promise<FixtureRun> {
  const prog = compileFixture(name);
  const truth = truthFile();
  try {
    const argv = [prog, truth.path, ...args];
    const r = await measure(argv, { mode: "exact", stdout: "ignore", stderr: "inherit" });
    return { r, t: truth.read(), argv };
  } finally {
    truth.remove();
  }
}
