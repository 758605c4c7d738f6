/**
 * A case declared by a plugin (`memtest` of memassert/bun, memassert/deno, memassert/uvu), as
 * plain data, and its runner's side: resolve its limits as `memassert test` does, run it the
 * number of times it asks in traced processes of its own, and judge it. The Bun plugin calls
 * this in its own process; under Deno and Node, where a test process may not trace, the
 * memassert executable does (runner/case/serve.ts).
 */
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { judge } from "../budget/judge.ts";
import { type Layer, resolveOptions } from "../budget/limits.ts";
import type { CaseOptions, CaseResult, ResolvedOptions, RunOutcome } from "../budget/types.ts";
import { configLayer, findConfig } from "../testing/config.ts";
import { withObjectTypes } from "./explain_types.ts";
import { findUp } from "./deno_config.ts";
import { type CaseProcess, runCaseProcess } from "./run.ts";

/** What a plugin knows of a case it declared. */
export interface PluginCase {
  /** Absolute path of the test file. */
  file: string;
  /** The name as declared, which finds the case again in its process. */
  name: string;
  /** The name in results: describe or suite labels and the name, joined by " › " (default: `name`). */
  fullName?: string;
  /** Where in the file it is declared (runner/case/key.ts). */
  site: string;
  /** `file:line` of the declaring call. */
  location: string;
  options: CaseOptions;
  /** The declaring function, named in messages: "memtest". */
  call: string;
  /** How to start the case's process. */
  command: string[];
  /** Where the case's process runs, and where the project's config is looked for (default: here). */
  cwd?: string;
  /** The case's process adds the exact filter itself (Bun, Deno); false for Node. */
  lateExact: boolean;
  /**
   * A config file the case's process must be told about: the first of `names` found in the
   * directory of `from` or above is given as `${flag}=PATH`, before the command's last
   * argument; none found gives `none`. (Deno finds its config from the main module, which is
   * memassert's case runner, not the test file.)
   */
  config?: { names: string[]; from: string; flag: string; none: string };
  /** Passed to the case's process in its request. */
  extra?: Record<string, unknown>;
}

/** The verdict on a plugin's case, and what its last process added to its verdict. */
export interface PluginOutcome {
  result: CaseResult;
  extra?: Record<string, unknown>;
}

/** Resolves the case's limits: its own options, then the project's config, found as `memassert test` finds it. */
export async function resolvePluginOptions(c: PluginCase): Promise<ResolvedOptions> {
  const layers: Layer[] = [];
  const found = findConfig(c.cwd ?? process.cwd());
  if (found !== null && "layer" in found) layers.push(found.layer);
  if (found !== null && "module" in found) {
    const mod = await import(pathToFileURL(found.module).href) as { default?: unknown };
    layers.push(configLayer(mod.default, found.module, `${found.module} (export default { … })`));
  }
  return resolveOptions({ name: c.name, location: c.location, options: c.options, call: c.call }, layers);
}

/**
 * Runs and judges `c`; never throws for a failing case (bad limits give a failed result).
 * `args` adds arguments naming files in each run's own directory, `collect` reads them.
 */
export async function runPluginCase(
  c: PluginCase,
  o: { signal?: AbortSignal; env?: Record<string, string | undefined> } & Pick<CaseProcess, "args" | "collect"> = {},
): Promise<PluginOutcome> {
  const t0 = performance.now();
  const ref = { file: c.file, name: c.fullName ?? c.name, location: c.location };
  let options: ResolvedOptions;
  try {
    options = await resolvePluginOptions(c);
  } catch (error) {
    const none = resolveOptions({ name: c.name, location: c.location, options: {}, call: c.call }, []);
    return { result: judge({ ...ref, options: none }, [{ measure: null, error: (error as Error).message, output: "" }], 0) };
  }
  const command = withConfig(c);
  const caseProcess: CaseProcess = {
    command, cwd: c.cwd ?? process.cwd(), env: o.env ?? process.env, options, lateExact: c.lateExact, args: o.args, collect: o.collect,
    timeoutHint: `set { timeout } in the options of ${c.call}()`,
    loadTimeoutHint: "its top level, which runs again in the case's own process, must finish within that",
    request: { file: c.file, name: c.name, site: c.site, extra: c.extra },
  };
  const outcomes: RunOutcome[] = [];
  let extra: Record<string, unknown> | undefined;
  for (let i = 0; i < options.runs; i++) {
    const outcome = await runCaseProcess(caseProcess, o.signal);
    outcomes.push(outcome);
    extra = outcome.extra ?? extra;
    if (outcome.error !== null) break;
  }
  const judged = judge({ ...ref, options }, outcomes, performance.now() - t0);
  const result = o.signal?.aborted ? judged : await withObjectTypes(judged, outcomes, () => runCaseProcess({ ...caseProcess, types: true }, o.signal));
  return { result, extra };
}

function withConfig(c: PluginCase): string[] {
  if (!c.config) return c.command;
  const found = findUp(dirname(c.config.from), c.config.names);
  const flag = found ? `${c.config.flag}=${found}` : c.config.none;
  return [...c.command.slice(0, -1), flag, c.command[c.command.length - 1]];
}
