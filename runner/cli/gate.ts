/**
 * `memassert gate RESULTS...` and `memassert merge DIR|FILES...`: judge results written
 * elsewhere (by `memassert test --shard`, or by the plugins for bun test, deno test and uvu)
 * against the baseline, without running anything.
 */
import { EXIT, fail, errorLine, out, UsageError, useColor, isTerminal, write } from "./io.ts";
import { parseOptions } from "./args.ts";
import { help } from "./help.ts";
import { GATE_OPTIONS, MERGE_OPTIONS } from "./options.ts";
import { writeCiOutputs } from "./ci.ts";
import { closeGate, gateArgs, type OpenGate, openGate, toleranceLayer } from "./baseline_gate.ts";
import { documentKind, type Output, outputOf } from "./output.ts";
import type { Layer } from "../budget/limits.ts";
import { BaselineError, DEFAULT_BASELINE } from "../gate/baseline.ts";
import { currentEnvironment } from "../gate/environment.ts";
import { fileOfId, relativeFile } from "../gate/ids.ts";
import { gateResult, resultId } from "../gate/judge.ts";
import { mergeResults } from "../gate/merge.ts";
import { expandResultPaths, readResults, ResultsError } from "../gate/results.ts";
import { pathsScope } from "../gate/scope.ts";
import { formatCase, formatFileError, formatTotals } from "../report/case_text.ts";
import { writeFileAtomic } from "../report/files.ts";
import { formatDocument } from "../report/reporter.ts";
import { DEFAULT_LOAD_TIMEOUT_MS } from "../budget/limits.ts";
import { collect } from "../testing/collect.ts";
import { ConfigError, configLayer, findConfig } from "../testing/config.ts";
import type { TestReport } from "../testing/types.ts";

/** `memassert gate`: resolves to the exit status. */
export function gateMain(args: string[]): Promise<number> {
  return judgeResults("gate", args);
}

/** `memassert merge`: resolves to the exit status. */
export function mergeMain(args: string[]): Promise<number> {
  return judgeResults("merge", args);
}

/** The project config's layer, for the tolerance of results that carry none; a module is loaded as memassert test loads it. */
async function configLayers(root: string): Promise<Layer[]> {
  const found = findConfig(root);
  if (found === null) return [];
  if ("layer" in found) return [found.layer];
  const loaded = await collect([], { config: found.module, layers: () => [], loadTimeoutMs: DEFAULT_LOAD_TIMEOUT_MS, cwd: root });
  if (loaded.config === null) return [];
  if ("error" in loaded.config) throw new ConfigError(`Cannot load ${found.module}: ${loaded.config.error}`);
  return [configLayer(loaded.config.value, found.module, `${found.module} (export default { … })`)];
}

async function judgeResults(command: "gate" | "merge", args: string[]): Promise<number> {
  const merge = command === "merge";
  const root = process.cwd();
  let opened: OpenGate | null;
  let report: TestReport;
  let warnings: string[];
  let output: Output;
  try {
    const { values, positionals } = parseOptions(args, merge ? MERGE_OPTIONS : GATE_OPTIONS, false);
    if (values.has("--help")) return await out(help());
    if (positionals.length === 0) {
      throw new UsageError(`${command} needs results files${merge ? " or a folder of them" : ""}, e.g. memassert ${command} ${merge ? "results/" : "memory.json"}`);
    }
    // No HTML report: results files carry no timelines to draw.
    output = outputOf(values, ["default", "json", "junit", "bmf", "github-benchmark"]);
    const gate = gateArgs(values);
    const layers: Layer[] = [{ options: toleranceLayer(gate), source: "the command line" }, ...await configLayers(root)];
    opened = openGate(gate, `memassert ${command} ${positionals.join(" ")} -u`, root, layers);
    if (opened === null && !merge) {
      throw new UsageError(`no baseline: ${DEFAULT_BASELINE} does not exist (give --baseline FILE, or create it with memassert gate ${positionals.join(" ")} -u)`);
    }
    const docs = expandResultPaths(positionals).flatMap((f) => readResults(f, root));
    ({ report, warnings } = mergeResults(docs, root, merge));
  } catch (error) {
    if (error instanceof UsageError || error instanceof BaselineError || error instanceof ResultsError || error instanceof ConfigError) {
      return await fail(EXIT.usage, error.message);
    }
    throw error;
  }
  const color = useColor() && isTerminal(1);
  const kind = documentKind(output);
  const human = (s: string) => write(kind !== null && output.file === null ? 2 : 1, s);
  for (const w of warnings) write(2, `memassert: ${w}\n`);

  const enforce = !opened?.args.update;
  if (opened) report.results = report.results.map((r) => gateResult(r, opened!.ctx, r.gate?.confirmRuns ?? 0, enforce));
  const count = (s: string) => report.results.filter((r) => r.status === s).length;
  Object.assign(report, { passed: count("passed"), failed: count("failed") + report.fileErrors.length, skipped: count("skipped") });

  const shown = merge ? report.results : report.results.filter((r) => r.status === "failed");
  const lines = [...report.fileErrors.map((e) => formatFileError(e, { color, root })), ...shown.map((r) => formatCase(r, { color, root })), formatTotals(report)];
  human(`${lines.join("\n")}\n`);

  let status = report.failed > 0 ? EXIT.testsFailed : EXIT.ok;
  if (opened) {
    const found = new Set(report.results.map((r) => resultId(r, root)));
    const broken = new Set(report.fileErrors.map((e) => relativeFile(e.file, root)));
    const files = new Set([...found].map(fileOfId));
    const inPaths = report.paths ? pathsScope(report.paths, root) : (file: string) => files.has(file);
    const inScope = (id: string) => inPaths(fileOfId(id)) && !broken.has(fileOfId(id));
    try {
      const outcome = closeGate(opened, report.results, { inScope, found }, report.environment ?? { ...currentEnvironment(), runtime: null }, report.failed === 0, color);
      report.gate = outcome.summary;
      human(`${outcome.text}\n`);
      if (outcome.environmentFailed) status = EXIT.testsFailed;
    } catch (error) {
      return await fail(EXIT.internal, `cannot write the baseline ${opened.ctx.path}: ${errorLine(error)} (the previous one is kept)`);
    }
  }
  if (kind !== null && kind !== "html") {
    const doc = `${formatDocument(kind, report, root)}\n`;
    if (output.file === null) write(1, doc);
    else writeFileAtomic(output.file, doc);
  }
  const warning = writeCiOutputs(report, report.gate ?? null, opened?.ctx.accept ?? "", human);
  if (warning) write(2, `${warning}\n`);
  return status;
}
