/**
 * Resolves a case's limits: its own options, then its file's `defaults()`,
 * then the command line, then the project's config, then built-in defaults.
 */
import { parseBytes } from "./bytes.ts";
import type { CaseOptions, ResolvedOptions } from "./types.ts";

/** Built-in defaults. */
export const DEFAULT_TIMEOUT_MS = 30_000;
const KEYS = new Set(["budget", "growth", "runs", "timeout", "killAbove"]);

/** A layer of options and where it was written. */
export interface Layer {
  options: CaseOptions;
  source: string;
}

/** Checks that a layer only has known keys; throws a TypeError naming the unknown one. */
export function checkKeys(options: CaseOptions, where: string): void {
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) {
      throw new TypeError(`${where}: unknown option "${key}" (use budget, growth, runs, timeout, killAbove)`);
    }
  }
}

function size(value: string | number | undefined, key: string, where: string): number | null {
  if (value === undefined) return null;
  try {
    return parseBytes(value);
  } catch (err) {
    throw new SyntaxError(`${where}: ${key} ${JSON.stringify(value)} is not a size: ${(err as Error).message}`);
  }
}

function count(value: number | undefined, key: string, where: string, min: number): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: ${key} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A declared case: its name, where it is declared, and its own options. */
export interface Declared {
  name: string;
  location: string;
  options: CaseOptions;
}

/** Merges the layers, most specific first; sizes parsed, sources kept for messages. */
export function resolveOptions(c: Declared, layers: Layer[]): ResolvedOptions {
  const all: Layer[] = [{ options: c.options, source: `test("${c.name}", { … }) at ${c.location}` }, ...layers];
  const pick = <K extends keyof CaseOptions>(key: K) => all.find((l) => l.options[key] !== undefined);
  const where = (l: Layer | undefined) => `case "${c.name}" (${l?.source ?? "default"})`;
  for (const l of all) checkKeys(l.options, where(l));
  const budgetLayer = pick("budget"), growthLayer = pick("growth");
  const budget = size(budgetLayer?.options.budget, "budget", where(budgetLayer));
  const growth = size(growthLayer?.options.growth, "growth", where(growthLayer));
  const killLayer = pick("killAbove");
  const explicit = size(killLayer?.options.killAbove, "killAbove", where(killLayer));
  const killAbove = explicit ?? defaultKillAbove(budget, growth);
  const killAboveSource = explicit !== null
    ? `killAbove set in ${killLayer!.source}`
    : budget !== null ? "the default kill-above: 4× the budget; set killAbove or --kill-above to change it"
    : "the default kill-above: 256 MiB + 4× the growth limit; set killAbove or --kill-above to change it";
  const runs = count(pick("runs")?.options.runs, "runs", where(pick("runs")), 1) ?? 1;
  const timeout = count(pick("timeout")?.options.timeout, "timeout", where(pick("timeout")), 1) ?? DEFAULT_TIMEOUT_MS;
  const source = budgetLayer?.source ?? growthLayer?.source ?? "no limit set";
  return { budget, growth, runs, timeout, killAbove, killAboveSource, source };
}

/**
 * A runaway case is killed before it takes the machine down: at 4× its
 * budget, or 256 MiB plus 4× its growth limit; without limits, never.
 */
export function defaultKillAbove(budget: number | null, growth: number | null): number | null {
  if (budget !== null) return 4 * budget;
  if (growth !== null) return 256 * 2 ** 20 + 4 * growth;
  return null;
}
