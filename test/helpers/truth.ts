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

/** How far a root peak may be from the fixture's own reading at its peak. */
export const ROOT_TOLERANCE = 64 * KiB;

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

/** Asserts `got` is within 1 % of `want`: the tolerance for tree figures. */
export function nearPercent(got: number, want: number, what: string): void {
  near(got, want, Math.round(want / 100), what);
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
