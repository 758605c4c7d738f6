/**
 * Resolves a case's limits: its own options, then its file's `defaults()`,
 * then the command line, then the project's config, then built-in defaults.
 */
import { parseBytes } from "./bytes.ts";
import { DEFAULT_TOLERANCE, type Tolerance, toleranceOf, type Tolerances } from "./tolerance.ts";
import type { CaseOptions, ResolvedOptions } from "./types.ts";

/** Built-in defaults. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** How long a test file may take to load, by default. */
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;
/** The longest timeout a timer can hold (2³¹ − 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** How much the heap retained may grow per run under `leakRuns`, by default: well above the few KiB a settled heap moves. */
export const DEFAULT_LEAK_PER_RUN = 64 * 1024;
/** The most warm-up runs, or runs under `leakRuns`, a case may ask for. */
const MAX_EXTRA_RUNS = 1000;
const KEYS = new Set(["budget", "growth", "retained", "heapRetained", "runs", "warmup", "leakRuns", "leakPerRun", "timeout", "killAbove", "tolerance"]);

/** A layer of options and where it was written. */
export interface Layer {
  options: CaseOptions;
  source: string;
}

/** Checks that a layer only has known keys; throws a TypeError naming the unknown one. */
export function checkKeys(options: CaseOptions, where: string): void {
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) {
      throw new TypeError(`${where}: unknown option "${key}" (use budget, growth, retained, heapRetained, runs, warmup, leakRuns, leakPerRun, timeout, killAbove, tolerance)`);
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

function count(value: number | undefined, key: string, where: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new RangeError(`${where}: ${key} must be an integer ${range}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A declared case: its name, where it is declared, and its own options. */
export interface Declared {
  name: string;
  location: string;
  options: CaseOptions;
  /** The function that declared it, to name in messages: "test" (default) or a plugin's "memtest". */
  call?: string;
}

/** Merges the layers, most specific first; sizes parsed, sources kept for messages. */
export function resolveOptions(c: Declared, layers: Layer[]): ResolvedOptions {
  const all: Layer[] = [{ options: c.options, source: `${c.call ?? "test"}("${c.name}", { … }) at ${c.location}` }, ...layers];
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
  const timeout = count(pick("timeout")?.options.timeout, "timeout", where(pick("timeout")), 1, MAX_TIMEOUT_MS) ?? DEFAULT_TIMEOUT_MS;
  const source = budgetLayer?.source ?? growthLayer?.source ?? "no limit set";
  const growthSource = growthLayer?.source ?? "no limit set";
  const tolerance = resolveTolerances(all, where);
  const retainedLayer = pick("retained"), heapLayer = pick("heapRetained");
  const retained = size(retainedLayer?.options.retained, "retained", where(retainedLayer));
  const heapRetained = size(heapLayer?.options.heapRetained, "heapRetained", where(heapLayer));
  const warmup = count(pick("warmup")?.options.warmup, "warmup", where(pick("warmup")), 0, MAX_EXTRA_RUNS) ?? 0;
  const leakLayer = pick("leakRuns"), perRunLayer = pick("leakPerRun");
  const leakRuns = count(leakLayer?.options.leakRuns, "leakRuns", where(leakLayer), 3, MAX_EXTRA_RUNS);
  const leakPerRun = size(perRunLayer?.options.leakPerRun, "leakPerRun", where(perRunLayer)) ?? DEFAULT_LEAK_PER_RUN;
  return {
    budget, growth, runs, timeout, killAbove, killAboveSource, source, growthSource, tolerance,
    warmup, leakRuns, leakPerRun, leakSource: perRunLayer?.source ?? leakLayer?.source ?? "no limit set",
    retained, retainedSource: retainedLayer?.source ?? "no limit set",
    heapRetained, heapRetainedSource: heapLayer?.source ?? "no limit set",
  };
}

/** Each metric's tolerance from the first layer that sets it (a text sets both), else the default. */
export function resolveTolerances(layers: Layer[], where: (l: Layer) => string = (l) => l.source): Tolerances {
  const one = (metric: keyof Tolerances): Tolerance => {
    for (const l of layers) {
      const t = toleranceOf(l.options.tolerance, metric, where(l), DEFAULT_TOLERANCE[metric]);
      if (t !== null) return { ...t, source: l.source };
    }
    return DEFAULT_TOLERANCE[metric];
  };
  return { peak: one("peak"), growth: one("growth") };
}

/**
 * Checks every value of a layer that applies to all cases (the command line, the config) once,
 * so that a mistake there is reported once, naming where it was written, rather than for every
 * case. Throws a TypeError, SyntaxError or RangeError whose message names the value and its source.
 */
export function checkLayer(l: Layer): void {
  const where = l.source;
  checkKeys(l.options, where);
  size(l.options.budget, "budget", where);
  size(l.options.growth, "growth", where);
  size(l.options.retained, "retained", where);
  size(l.options.heapRetained, "heapRetained", where);
  size(l.options.killAbove, "killAbove", where);
  count(l.options.runs, "runs", where, 1);
  count(l.options.warmup, "warmup", where, 0, MAX_EXTRA_RUNS);
  count(l.options.leakRuns, "leakRuns", where, 3, MAX_EXTRA_RUNS);
  size(l.options.leakPerRun, "leakPerRun", where);
  count(l.options.timeout, "timeout", where, 1, MAX_TIMEOUT_MS);
  resolveTolerances([l]);
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
