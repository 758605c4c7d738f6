/**
 * The project's Deno config for the processes memassert starts under Deno. Deno looks for a
 * `deno.json` beside the main module, which for a case's process (or the one that lists the
 * cases) is memassert's own entry point: without being told, the project's `imports`, import
 * map and compiler options would not apply there, and a test file that loads in `deno run`
 * would fail with `Import "…" not a dependency`.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The names Deno gives its config file. */
export const DENO_CONFIG_NAMES = ["deno.json", "deno.jsonc"];

/**
 * The first of `names` in `dir` or the nearest folder above it that has one; null if none.
 *
 * @example
 * ```ts
 * findUp("/home/me/app/tests", ["deno.json"]); // "/home/me/app/deno.json"
 * ```
 */
export function findUp(dir: string, names: string[]): string | null {
  for (;;) {
    for (const name of names) if (existsSync(join(dir, name))) return join(dir, name);
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * `--config=PATH` of the nearest Deno config from `dir` upward, for a process memassert starts;
 * nothing when there is none (or when not running under Deno, which alone reads it).
 */
export function denoConfigFlags(dir: string): string[] {
  if ((globalThis as { Deno?: unknown }).Deno === undefined) return [];
  const found = findUp(dir, DENO_CONFIG_NAMES);
  return found === null ? [] : [`--config=${found}`];
}
