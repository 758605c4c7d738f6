/**
 * `memassert run --runs N --warmup N -- A ::: B`: each command run again and again, its
 * peaks and wall time reported as min, median, max and spread, and several commands compared.
 * Budgets and the baseline judge the medians, as `memassert test --runs` does.
 */
import { appendFileSync } from "node:fs";
import { isOver, overLimit, withinLimit } from "../budget/verdict.ts";
import type { MeasureResult, Mode } from "../measure/result.ts";
import { type RunFigures, seriesOf, type SeriesReport } from "../measure/series.ts";
import { checkWritable, OutputPathError, writeFileAtomic } from "../report/files.ts";
import { formatSeries, formatSeriesMarkdown } from "../report/series_text.ts";
import { commandLine } from "../report/summary.ts";
import { err, errorLine, EXIT, fail, UsageError } from "./io.ts";
import { closeRunBaseline, type RunBaseline } from "./run_baseline.ts";

/** What separates two commands on the command line. */
export const COMMAND_SEPARATOR = ":::";

/** A budget as the user typed it (to quote back) and in bytes. */
export interface Budget {
  text: string;
  bytes: number;
}

/** What repeated runs need of `memassert run`'s parsed command line. */
export interface ManyArgs {
  commands: string[][];
  runs: number;
  warmup: number;
  mode: Exclude<Mode, "attach">;
  budget: Budget | null;
  budgetTree: Budget | null;
  quiet: boolean;
  /** `-o FILE` (appended to with --append): where the report goes instead of stderr. */
  output: string | null;
  append: boolean;
  exportJson: string | null;
  exportMarkdown: string | null;
  baseline: RunBaseline | null;
}

/** How `memassert run` turns a failed start and a finished run into its exit status. */
export interface Statuses {
  failed(error: unknown, cmd: string): Promise<number>;
  status(r: MeasureResult, overBudget: boolean): number;
}

/** Writes the summary into `-o FILE` (appended to with --append); false, said on stderr, when it cannot. */
export async function writeSummary(path: string, append: boolean, lines: string[]): Promise<boolean> {
  const text = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
  try {
    if (append) appendFileSync(path, text);
    else writeFileAtomic(path, text);
    return true;
  } catch (error) {
    await fail(EXIT.internal, `-o "${path}": cannot write: ${errorLine(error)}`);
    return false;
  }
}

/** The commands of `positionals`, split at each ":::"; a UsageError for an empty one. */
export function splitCommands(positionals: string[]): string[][] {
  const commands: string[][] = [[]];
  for (const word of positionals) {
    if (word === COMMAND_SEPARATOR) commands.push([]);
    else commands[commands.length - 1].push(word);
  }
  if (commands.length > 1 && commands.some((c) => c.length === 0)) {
    throw new UsageError(`an empty command around "${COMMAND_SEPARATOR}": write memassert run -- A ARGS ${COMMAND_SEPARATOR} B ARGS`);
  }
  return commands;
}

/**
 * The options that show one run's result, refused with several runs: a UsageError naming
 * the first given and what to use instead.
 */
export function refuseSingleRunOptions(given: Map<string, string | true>, several: boolean): void {
  const single = ["--json", "--report", "--timeline", "--tree", "--format", "--explain"].find((o) => given.has(o));
  if (single !== undefined) {
    throw new UsageError(`${single} shows one run: with --runs, --warmup or several commands, use --export-json FILE or --export-markdown FILE`);
  }
  if (several && given.has("--name")) {
    throw new UsageError(`--baseline and --name compare one command: run each command with its own --name`);
  }
}

/** Runs every command `warmup + runs` times, prints (or writes) the report, and returns the exit status. */
export async function runMany(a: ManyArgs, s: Statuses): Promise<number> {
  for (const [option, path] of [["--export-json", a.exportJson], ["--export-markdown", a.exportMarkdown], ["-o", a.output]] as const) {
    if (path === null) continue;
    try {
      checkWritable(option, path);
    } catch (error) {
      if (error instanceof OutputPathError) return await fail(EXIT.usage, error.message);
      throw error;
    }
  }
  const { measure } = await import("../measure/measure.ts");
  const measured: { argv: string[]; runs: RunFigures[]; last: MeasureResult | null }[] = [];
  for (const argv of a.commands) {
    const runs: RunFigures[] = [];
    let last: MeasureResult | null = null;
    for (let i = 0; i < a.warmup + a.runs; i++) {
      let r: MeasureResult;
      try {
        r = await measure(argv, { mode: a.mode, handleSignals: true, inline: true, stdin: "inherit", stdout: "inherit", stderr: "inherit" });
      } catch (error) {
        return await s.failed(error, argv[0]);
      }
      if (r.interrupted !== null || r.signal !== null || r.exitCode !== 0) {
        const how = r.interrupted !== null ? `was interrupted (${r.interrupted})` : r.signal !== null ? `was killed by ${r.signal}` : `exited with status ${r.exitCode}`;
        await err(`memassert: ${commandLine(argv)}: ${i < a.warmup ? "warm-up " : ""}run ${i < a.warmup ? i + 1 : i + 1 - a.warmup} ${how}; no figures are reported\n`);
        return s.status(r, false);
      }
      if (i >= a.warmup) runs.push({ rootPeakRss: r.root.peakRss, treePeakRss: r.tree.peakRss, treePeakPss: r.tree.peakPss, wallMs: r.wallMs });
      last = r;
    }
    measured.push({ argv, runs, last });
  }
  const series = seriesOf(measured);
  const report: SeriesReport = { version: 1, runs: a.runs, warmup: a.warmup, commands: series };
  try {
    if (a.exportJson !== null) writeFileAtomic(a.exportJson, `${JSON.stringify(report, null, 2)}\n`);
    if (a.exportMarkdown !== null) writeFileAtomic(a.exportMarkdown, formatSeriesMarkdown(series));
  } catch (error) {
    return await fail(EXIT.internal, `cannot write the export: ${errorLine(error)}`);
  }
  const lines: string[] = [];
  let over = false;
  for (const s of series) {
    const name = a.commands.length > 1 ? `${commandLine(s.argv)}: ` : "";
    for (const [what, figure, b, option] of [["root peak", s.rootPeakRss.median, a.budget, "--budget"], ["tree peak", s.treePeakRss.median, a.budgetTree, "--budget-tree"]] as const) {
      if (b === null) continue;
      const limit = { what, figure, limit: b.bytes, source: `${option} ${b.text}`, runs: a.runs };
      if (isOver(figure, b.bytes)) over = true;
      if (isOver(figure, b.bytes) || !a.quiet) lines.push(`memassert: ${name}${isOver(figure, b.bytes) ? overLimit(limit) : withinLimit(limit)}`);
    }
  }
  let regressed = false;
  if (a.baseline !== null) {
    // The medians stand for the command, as the median of a test case's runs does.
    const last = measured[0].last!;
    const medians = { ...last, root: { ...last.root, peakRss: series[0].rootPeakRss.median }, tree: { ...last.tree, peakRss: series[0].treePeakRss.median } };
    try {
      const judged = closeRunBaseline(a.baseline, medians, a.quiet);
      lines.push(...judged.lines);
      regressed = judged.regressed;
    } catch (error) {
      await err(`memassert: cannot write the baseline ${a.baseline.path}: ${errorLine(error)} (the previous one is kept)\n`);
      return EXIT.internal;
    }
  }
  const text = a.quiet ? [] : [formatSeries(series, a)];
  if (a.output === null) lines.unshift(...text);
  else if (!(await writeSummary(a.output, a.append, text))) return EXIT.internal;
  if (lines.length) await err(lines.map((l) => `${l}\n`).join(""));
  return over || regressed ? EXIT.budgetExceeded : EXIT.ok;
}
