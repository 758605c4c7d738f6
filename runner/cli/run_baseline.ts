/**
 * `memassert run --baseline FILE --name NAME`: the command's root and tree peaks against its
 * entry in a baseline, and `-u`/`--ratchet` writing it back.
 */
import { DEFAULT_TOLERANCE, type Tolerances } from "../budget/tolerance.ts";
import { BaselineError, DEFAULT_BASELINE, formatBaseline, readBaseline } from "../gate/baseline.ts";
import { compareCase } from "../gate/compare.ts";
import { currentEnvironment, environmentChanges } from "../gate/environment.ts";
import type { Baseline } from "../gate/types.ts";
import { updateEntry } from "../gate/update.ts";
import type { MeasureResult } from "../measure/result.ts";
import { formatBaselineChanges } from "../report/baseline_text.ts";
import { checkWritable, OutputPathError, writeFileAtomic } from "../report/files.ts";
import { formatBytes } from "../budget/bytes.ts";
import { resolveTolerances } from "../budget/limits.ts";
import { type GateArgs, gateArgs, toleranceLayer } from "./baseline_gate.ts";
import { UsageError } from "./io.ts";

/** An open baseline for one command. */
export interface RunBaseline {
  args: GateArgs;
  path: string;
  name: string;
  baseline: Baseline | null;
  tolerance: Tolerances;
}

/**
 * The baseline the parsed `values` ask for, read before the command runs; null when none.
 *
 * @throws {UsageError} for --baseline without --name, a missing file without -u, or a file
 *   that cannot be written.
 * @throws {BaselineError} for a file that is not a baseline this memassert reads.
 */
export function openRunBaseline(values: Map<string, string | true>): RunBaseline | null {
  const args = gateArgs(values);
  const name = values.get("--name") as string | undefined;
  if (name === undefined) {
    if (args.baseline !== null || args.update || args.ratchet) {
      throw new UsageError(`${args.baseline !== null ? "--baseline" : args.update ? "-u" : "--ratchet"} needs --name NAME: the command's entry in the baseline, e.g. --name build`);
    }
    return null;
  }
  const path = args.baseline ?? DEFAULT_BASELINE;
  const baseline = readBaseline(path);
  if (baseline === null && !args.update) {
    throw new UsageError(`--baseline "${path}": no such file (create it with -u: memassert run --baseline ${path} --name ${quote(name)} -u -- CMD)`);
  }
  if (args.update || args.ratchet) {
    try {
      checkWritable("--baseline", path);
    } catch (err) {
      if (err instanceof OutputPathError) throw new UsageError(err.message);
      throw err;
    }
  }
  const tolerance = resolveTolerances([{ options: toleranceLayer(args), source: "the command line" }]);
  return { args, path, name, baseline, tolerance: tolerance ?? DEFAULT_TOLERANCE };
}

/**
 * Judges `result` against the entry: the lines to print (each starting "memassert:") and
 * whether it regressed (not under -u). Writes the baseline for -u and --ratchet.
 */
export function closeRunBaseline(b: RunBaseline, result: MeasureResult, quiet: boolean): { lines: string[]; regressed: boolean } {
  const now = { peak: result.root.peakRss, tree: result.tree.peakRss };
  const accept = `memassert run --baseline ${b.path} --name ${quote(b.name)} -u -- CMD`;
  const gate = compareCase(b.name, now, b.baseline?.cases[b.name], b.tolerance, accept)!;
  const environment = currentEnvironment();
  const lines: string[] = [];
  const changes = b.baseline ? environmentChanges(b.baseline.environment, environment) : [];
  if (changes.length) lines.push(`the environment differs from the baseline's: ${changes.join(", ")}${b.args.strictEnvironment ? "; this fails the run (--strict-environment)" : ""}`);
  const regressed = gate.verdict === "regressed" && !b.args.update;
  if (regressed) lines.push(...gate.failure!.split("\n"));
  else if (gate.verdict === "new" && !b.args.update) lines.push(`${b.name}: not in the baseline yet (add it with -u)`);
  else if (!quiet && gate.verdict !== "new") {
    const tree = gate.metrics.find((m) => m.metric === "tree");
    const said = tree ? ` (tree peak ${formatBytes(tree.now)}, baseline ${formatBytes(tree.baseline)})` : "";
    lines.push(`${b.name}: ${gate.verdict} against the baseline${said}`);
  }
  if (b.args.update || b.args.ratchet) {
    const updated = updateEntry(b.baseline, b.name, now, gate, environment, b.args.update ? "update" : "ratchet");
    if (updated.changes.length || b.baseline === null) writeFileAtomic(b.path, formatBaseline(updated.baseline));
    lines.push(...formatBaselineChanges(b.path, updated.changes, b.baseline === null).split("\n"));
  }
  const failed = regressed || (b.args.strictEnvironment && changes.length > 0);
  return { lines: lines.map((l) => (l.startsWith("  ") ? l : `memassert: ${l}`)), regressed: failed };
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export { BaselineError };
