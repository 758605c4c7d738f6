/** `memassert run [options] -- CMD [ARGS...]`: measure one command. */
import { loadLibc } from "../../ffi/mod.ts";
import { isOver, overLimit, withinLimit } from "../budget/verdict.ts";
import { err, EXIT, fail, errorLine, out, UsageError, useColor } from "./io.ts";
import { parseOptions, sizeOption } from "./args.ts";
import { help } from "./help.ts";
import { RUN_OPTIONS } from "./options.ts";
import type { MeasureResult, Mode } from "../measure/result.ts";
import { signalNumber } from "../measure/signals.ts";
import { formatLine, parseFormat } from "../report/format_line.ts";
import { formatSummary, formatTree } from "../report/summary.ts";
import { formatExplanation } from "../report/explain.ts";
import { wasClosedAtStart } from "../trace/procfs.ts";
import { KERNEL_RSS_ENV, kernelEnvProblem } from "../trace/types.ts";
import type { RunBaseline } from "./run_baseline.ts";
import { parseAttach } from "./run_attach.ts";
// Types only: repeated runs, several commands and -o load run_many.ts (and node:fs) when asked for.
import type { Budget, ManyArgs } from "./run_many.ts";

type RunMode = Exclude<Mode, "attach">;
const MODES: readonly RunMode[] = ["exact", "fast", "sample"];
/** Cells of the summary's sparkline: fits a terminal of 80 columns with the text beside it. */
const SPARKLINE_CELLS = 40;

interface RunArgs {
  mode: RunMode;
  tree: boolean;
  explain: boolean;
  /** "-" for stdout. */
  json: string | null;
  budget: Budget | null;
  budgetTree: Budget | null;
  timeline: boolean;
  intervalMs: number | undefined;
  /** Where the HTML report goes. */
  report: string | null;
  quiet: boolean;
  /** Where the summary (and the --tree table) goes instead of stderr, and whether appended to. */
  output: string | null;
  append: boolean;
  /** A summary line of the user's own (`--format`), or null for the usual summary. */
  format: string | null;
  help: boolean;
  command: string[];
  /** `--attach PID`: the running process to measure instead of a command. */
  attach: number | null;
  baseline: RunBaseline | null;
  /** Repeated runs or several commands (run_many.ts); null for one run of one command. */
  many: ManyArgs | null;
}

/** Runs `memassert run` with the arguments after "run"; resolves to the exit status. */
export async function runMain(args: string[]): Promise<number> {
  let parsed: RunArgs;
  try {
    parsed = await parseRun(args);
  } catch (error) {
    if (error instanceof UsageError || (error as Error).name === "BaselineError") return await fail(EXIT.usage, (error as Error).message);
    throw error;
  }
  if (parsed.help) return await out(help());
  if (parsed.many !== null) return await (await import("./run_many.ts")).runMany({ ...parsed.many, baseline: parsed.baseline }, { failed, status });
  return await run(parsed);
}

/** The options of `memassert run` that compare with a baseline, whose code loads only when one is given. */
const BASELINE_OPTIONS = ["--name", "--baseline", "--update", "--ratchet", "--tolerance", "--growth-tolerance", "--strict-environment"];

async function parseRun(args: string[]): Promise<RunArgs> {
  const { values, positionals } = parseOptions(args, RUN_OPTIONS, true);
  const text = (name: string) => values.get(name) as string | undefined;
  if (values.has("--version")) throw new UsageError(`--version goes alone: memassert --version`);
  const mode = text("--mode") ?? "exact";
  if (!(MODES as string[]).includes(mode)) throw new UsageError(`--mode "${mode}": unknown mode (use exact, fast or sample)`);
  const json = values.get("--json");
  const r: RunArgs = {
    mode: mode as RunMode,
    tree: values.has("--tree"),
    explain: values.has("--explain"),
    json: json === undefined ? null : json === true || json === "" ? "-" : json,
    budget: values.has("--budget") ? budget("--budget", text("--budget")!) : null,
    budgetTree: values.has("--budget-tree") ? budget("--budget-tree", text("--budget-tree")!) : null,
    timeline: values.has("--timeline"),
    intervalMs: values.has("--interval") ? milliseconds("--interval", text("--interval")!) : undefined,
    report: text("--report") ?? null,
    quiet: values.has("--quiet"),
    output: text("--output") ?? null,
    append: values.has("--append"),
    format: text("--format") ?? null,
    help: values.has("--help"),
    command: positionals,
    attach: parseAttach(values, positionals),
    baseline: null,
    many: null,
  };
  const runs = count("--runs", text("--runs"), 1), warmup = count("--warmup", text("--warmup"), 0);
  const exportJson = text("--export-json") ?? null, exportMarkdown = text("--export-markdown") ?? null;
  if (positionals.includes(":::") || runs > 1 || warmup > 0 || exportJson !== null || exportMarkdown !== null) {
    const { refuseSingleRunOptions, splitCommands } = await import("./run_many.ts");
    const commands = splitCommands(positionals);
    if (commands.length > 1 || runs > 1 || warmup > 0 || exportJson !== null || exportMarkdown !== null) {
      refuseSingleRunOptions(values, commands.length > 1);
      r.command = commands[0];
      r.many = { ...r, commands, runs, warmup, exportJson, exportMarkdown };
    }
  }
  if (r.explain && r.mode === "sample") throw new UsageError(`--explain needs the tracer's stops: use --mode exact (the default) or fast, not sample`);
  if (r.command.length === 0 && !r.help && r.attach === null) throw new UsageError(`run needs a command, e.g. memassert run -- node app.js`);
  if (r.append && r.output === null) throw new UsageError(`--append needs -o FILE: the file the summary is appended to`);
  if (r.output !== null && r.quiet) throw new UsageError(`-o "${r.output}" and --quiet: --quiet prints no summary, so there is nothing to write (leave one out)`);
  if (r.format !== null) {
    try {
      parseFormat(r.format);
    } catch (error) {
      if (error instanceof SyntaxError) throw new UsageError(`--format "${r.format}": ${error.message}`);
      throw error;
    }
  }
  const kernelProblem = kernelEnvProblem(process.env[KERNEL_RSS_ENV]);
  if (kernelProblem !== null) throw new UsageError(kernelProblem);
  if (!r.help && BASELINE_OPTIONS.some((o) => values.has(o))) r.baseline = (await import("./run_baseline.ts")).openRunBaseline(values);
  return r;
}

/** A count of runs given to `option` (`least` when not given), at least `least`. */
function count(option: string, text: string | undefined, least: number): number {
  if (text === undefined) return least;
  const n = Number(text);
  if (!Number.isInteger(n) || n < least || n > 10_000) throw new UsageError(`${option} "${text}": expected a whole number from ${least} to 10000, e.g. ${option} 5`);
  return n;
}

function milliseconds(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 60_000) throw new UsageError(`${option} "${text}": expected whole milliseconds from 1 to 60000, e.g. ${option} 10`);
  return n;
}

function budget(option: string, text: string): Budget {
  return { text: text.trim(), bytes: sizeOption(option, text) };
}

async function run(a: RunArgs): Promise<number> {
  // libc first: with it, what follows reads /proc, finds CMD and prints without node:fs
  // (runner/trace/files.ts). A failure to load it is measure()'s to report.
  if (a.mode !== "sample") await loadLibc().catch(() => null);
  if (a.json === "-" && wasClosedAtStart(1)) {
    return await fail(EXIT.usage, `--json -: stdout is closed (give --json=FILE)`);
  }
  // Loaded only for a file to write: node:fs comes with it.
  const files = (a.json !== null && a.json !== "-") || a.report !== null || a.output !== null ? await import("../report/files.ts") : null;
  for (const [option, path] of [["--json", a.json], ["--report", a.report], ["-o", a.output]] as const) {
    if (path === null || path === "-") continue;
    try {
      files!.checkWritable(option, path);
    } catch (error) {
      if (error instanceof files!.OutputPathError) return await fail(EXIT.usage, error.message);
      throw error;
    }
  }
  const color = a.output === null && useColor();
  // A sparkline goes under the summary on a terminal that takes colour.
  const spark = color && !a.quiet;
  // Loaded here, not at the top: --help, --version and usage errors need no tracer or FFI.
  let result: MeasureResult;
  try {
    result = a.attach !== null ? await (await import("../measure/attached.ts")).measureAttached(a.attach) : await (await import("../measure/measure.ts")).measure(a.command, {
      mode: a.mode,
      timeline: a.timeline || a.report !== null || spark,
      intervalMs: a.intervalMs,
      explain: a.explain,
      // Ctrl-C kills the tree and still reports what was measured (exit 130).
      handleSignals: true,
      // Nothing else to do meanwhile: trace on this thread, without starting a Worker.
      inline: true,
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    });
  } catch (err) {
    if (a.attach !== null && err instanceof RangeError) return await fail(EXIT.usage, `--attach ${a.attach}: ${err.message}`);
    return await failed(err, a.command[0]);
  }
  // Asked for the sparkline only: the JSON stays as it was without --timeline.
  const published = a.timeline || !result.timeline ? result : { ...result, timeline: undefined };
  const json = `${JSON.stringify(published, null, 2)}\n`;
  if (a.json === "-") {
    await out(json);
  } else if (a.json !== null) {
    try {
      files!.writeFileAtomic(a.json, json);
    } catch (err) {
      await fail(EXIT.internal, `--json "${a.json}": cannot write: ${errorLine(err)}`);
      return EXIT.internal;
    }
  }
  if (a.report !== null) {
    try {
      // Loaded only now: the charting library inside it is for reports alone.
      const { formatHtmlRun } = await import("../report/html.ts");
      files!.writeFileAtomic(a.report, formatHtmlRun(result, { budget: a.budget?.bytes ?? null, budgetTree: a.budgetTree?.bytes ?? null }));
    } catch (err) {
      await fail(EXIT.internal, `--report "${a.report}": cannot write: ${errorLine(err)}`);
      return EXIT.internal;
    }
  }
  const report: string[] = [];
  // The summary and the table: on stderr, or into -o FILE.
  const summary: string[] = [];
  if (a.format !== null) summary.push(formatLine(a.format, result));
  else if (!a.quiet) summary.push(formatSummary(result, { color, sparkline: spark ? SPARKLINE_CELLS : 0 }));
  if (a.tree) summary.push(formatTree(result));
  if (a.explain) summary.push(formatExplanation(result));
  if (a.output === null) report.push(...summary);
  else if (!(await (await import("./run_many.ts")).writeSummary(a.output, a.append, summary))) return EXIT.internal;
  // Warnings say the run differed from an untraced one: printed even when quiet.
  for (const w of result.warnings ?? []) report.push(`memassert: warning: ${w}`);
  // Sample mode may read nothing of a command shorter than one poll: no budget passes on that.
  const unread = result.mode === "sample" && result.root.peakRss === 0;
  const over = [
    check("root", unread ? null : result.root.peakRss, "--budget", a.budget, a.quiet, report),
    check("tree", unread ? null : result.tree.peakRss, "--budget-tree", a.budgetTree, a.quiet, report),
  ].some(Boolean);
  let regressed = false;
  if (a.baseline !== null && (result.interrupted !== null || result.exitCode !== 0)) {
    report.push(`memassert: ${a.baseline.name}: not compared with the baseline, since the command did not succeed`);
  } else if (a.baseline !== null) {
    try {
      const judged = (await import("./run_baseline.ts")).closeRunBaseline(a.baseline, result, a.quiet);
      report.push(...judged.lines);
      regressed = judged.regressed;
    } catch (err) {
      report.push(`memassert: cannot write the baseline ${a.baseline.path}: ${errorLine(err)} (the previous one is kept)`);
      await printLines(report);
      return EXIT.internal;
    }
  }
  if (report.length > 0) await printLines(report);
  // Detaching is how a measurement of a running process ends: not a failure.
  if (a.attach !== null && result.interrupted !== null) return over || regressed ? EXIT.budgetExceeded : EXIT.ok;
  return status(result, over || regressed);
}

function printLines(lines: string[]): Promise<void> {
  return err(`${lines.join("\n")}\n`);
}

/** Adds the budget line to `report` (a pass only when not quiet); true when over budget or unmeasured (null). */
function check(what: string, peak: number | null, option: string, b: Budget | null, quiet: boolean, report: string[]): boolean {
  if (b === null) return false;
  if (peak === null) {
    report.push(`memassert: ${what} peak unknown: nothing was read before the command ended, so ${option} ${b.text} cannot pass (use --mode exact)`);
    return true;
  }
  const limit = { what: `${what} peak`, figure: peak, limit: b.bytes, source: `${option} ${b.text}` };
  if (isOver(peak, b.bytes)) {
    report.push(`memassert: ${overLimit(limit)}`);
    return true;
  }
  if (!quiet) report.push(`memassert: ${withinLimit(limit)}`);
  return false;
}

/** The exit status for a finished run; see the table in {@link help}. */
function status(r: MeasureResult, overBudget: boolean): number {
  if (r.interrupted !== null) {
    const n = signalNumber(r.interrupted);
    return n === undefined ? EXIT.internal : EXIT.signalBase + n;
  }
  if (r.signal !== null) return EXIT.signalBase + (signalNumber(r.signal) ?? 0);
  if (r.exitCode === null) return EXIT.internal;
  if (r.exitCode !== 0) return r.exitCode;
  return overBudget ? EXIT.budgetExceeded : EXIT.ok;
}

/** Maps an error of measure() (a MeasureError, by its `code`) to an exit status and a line. */
async function failed(error: unknown, cmd: string): Promise<number> {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return await fail(EXIT.notFound, `command not found: ${cmd} (${cmd.includes("/") ? "no such file" : "checked PATH"})`);
    case "EACCES":
      if (/^bad interpreter/.test(errorLine(error))) return await fail(EXIT.notExecutable, errorLine(error));
      return await fail(EXIT.notExecutable, `not executable: ${cmd} (check it is a file with execute permission: chmod +x ${cmd})`);
    case "EPERM_PTRACE":
      return await fail(EXIT.ptraceDenied, errorLine(error));
    case "ESPAWN":
      return await fail(EXIT.internal, errorLine(error)); // names the step that failed and its errno
    default:
      throw error;
  }
}

