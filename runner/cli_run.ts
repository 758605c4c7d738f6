/** `memassert run [options] -- CMD [ARGS...]`: measure one command. */
import { stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { formatBytes, parseBytes } from "./bytes.ts";
import { err, EXIT, fail, oneLine, out, UsageError, useColor } from "./cli_io.ts";
import { HELP } from "./help.ts";
import type { MeasureResult, Mode } from "./result.ts";
import { signalNumber } from "./signals.ts";
import { formatSummary, formatTree } from "./summary.ts";

const MODES: readonly Mode[] = ["exact", "fast", "sample"];
const OPTIONS = ["--mode", "--budget", "--budget-tree", "--json", "--tree", "--timeline", "--quiet", "--help", "--version"];

interface Budget {
  /** As the user typed it, to quote back. */
  text: string;
  bytes: number;
}

interface RunArgs {
  mode: Mode;
  tree: boolean;
  /** "-" for stdout. */
  json: string | null;
  budget: Budget | null;
  budgetTree: Budget | null;
  timeline: boolean;
  quiet: boolean;
  help: boolean;
  command: string[];
  /** Whether "--" introduced the command. */
  separated: boolean;
}

/** Runs `memassert run` with the arguments after "run"; resolves to the exit status. */
export async function runMain(args: string[]): Promise<number> {
  let parsed: RunArgs;
  try {
    parsed = parseRun(args);
  } catch (error) {
    if (error instanceof UsageError) return await fail(EXIT.usage, error.message);
    throw error;
  }
  if (parsed.help) return await out(HELP);
  return await run(parsed);
}

function parseRun(args: string[]): RunArgs {
  const r: RunArgs = {
    mode: "exact", tree: false, json: null, budget: null, budgetTree: null,
    timeline: false, quiet: false, help: false, command: [], separated: false,
  };
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      i++;
      r.separated = true;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const value = (what: string, example: string): string => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${name} needs ${what}, e.g. ${name} ${example}`);
      i++;
      return next;
    };
    const flag = () => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value, got "${arg}" (write ${name} alone)`);
      return true;
    };
    switch (name) {
      case "-h":
      case "--help":
        r.help = flag();
        break;
      case "--mode": {
        const mode = value("a mode", "exact");
        if (!(MODES as string[]).includes(mode)) throw new UsageError(`--mode "${mode}": unknown mode (use exact, fast or sample)`);
        r.mode = mode as Mode;
        break;
      }
      case "--budget":
        r.budget = budget(name, value("a size", "64MiB"));
        break;
      case "--budget-tree":
        r.budgetTree = budget(name, value("a size", "1GiB"));
        break;
      case "--json": {
        const next = args[i + 1];
        if (inline !== undefined) {
          r.json = inline === "" ? "-" : inline;
        } else if (next === "-" || (next !== undefined && !next.startsWith("-") && separatedAfter(args.slice(i + 2)))) {
          r.json = next;
          i++;
        } else {
          if (next?.endsWith(".json")) {
            throw new UsageError(`--json ${next}: "${next}" would be run as the command (write --json=${next}, or put -- before the command)`);
          }
          r.json = "-";
        }
        break;
      }
      case "--tree":
        r.tree = flag();
        break;
      case "--timeline":
        r.timeline = flag();
        break;
      case "--quiet":
        r.quiet = flag();
        break;
      case "--version":
        throw new UsageError(`--version goes alone: memassert --version`);
      default:
        throw new UsageError(`unknown option "${arg}" (${suggest(name)}see memassert --help)`);
    }
  }
  r.command = args.slice(i);
  if (r.command.length === 0 && !r.help) throw new UsageError(`run needs a command, e.g. memassert run -- node app.js`);
  return r;
}

/**
 * Whether the options in `rest` end with "--" before the command. `--json X` takes X as its
 * FILE only then; otherwise X may be the command (`memassert run --json node app.js`).
 */
function separatedAfter(rest: string[]): boolean {
  try {
    return parseRun(rest).separated;
  } catch (err) {
    // A mistake in options that a later "--" shows were meant as options is worth reporting.
    if (err instanceof UsageError && rest.includes("--")) throw err;
    return false;
  }
}

function budget(option: string, text: string): Budget {
  try {
    return { text: text.trim(), bytes: parseBytes(text) };
  } catch (err) {
    if (!(err instanceof SyntaxError || err instanceof RangeError)) throw err;
    // parseBytes says `Cannot parse size "X": why`; here the option name replaces the preamble.
    const why = err.message.replace(/^Cannot parse size "[^]*?": /, "").replace(/^Size "[^]*?" /, "it ");
    throw new UsageError(`${option} "${text}": ${why}`);
  }
}

/** "did you mean --budget? " for a near miss of a known option, else "". */
function suggest(name: string): string {
  const near = OPTIONS.find((o) => distance(o, name) <= 2);
  return near === undefined ? "" : `did you mean ${near}? `;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

async function run(a: RunArgs): Promise<number> {
  if (a.json !== null && a.json !== "-") {
    const dir = dirname(resolve(a.json));
    const ok = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (!ok) return await fail(EXIT.usage, `--json "${a.json}": directory ${dir} does not exist (create it first)`);
  }
  // Loaded here, not at the top: --help, --version and usage errors need no tracer or FFI.
  const { measure } = await import("./measure.ts");
  let result: MeasureResult;
  try {
    result = await measure(a.command, {
      mode: a.mode,
      timeline: a.timeline,
      // Ctrl-C kills the tree and still reports what was measured (exit 130).
      handleSignals: true,
      // Nothing else to do meanwhile: trace on this thread, without starting a Worker.
      inline: true,
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    });
  } catch (err) {
    return await failed(err, a.command[0]);
  }
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (a.json === "-") {
    await out(json);
  } else if (a.json !== null) {
    try {
      await writeFile(a.json, json);
    } catch (err) {
      await fail(EXIT.internal, `--json "${a.json}": cannot write: ${oneLine(err)}`);
      return EXIT.internal;
    }
  }
  const report: string[] = [];
  if (!a.quiet) report.push(formatSummary(result, { color: useColor() }));
  if (a.tree) report.push(formatTree(result));
  const over = [
    check("root", result.root.peakRss, "--budget", a.budget, a.quiet, report),
    check("tree", result.tree.peakRss, "--budget-tree", a.budgetTree, a.quiet, report),
  ].some(Boolean);
  if (report.length > 0) await err(`${report.join("\n")}\n`);
  return status(result, over);
}

/** Adds the budget line to `report` (a pass only when not quiet); true when over budget. */
function check(what: string, peak: number, option: string, b: Budget | null, quiet: boolean, report: string[]): boolean {
  if (b === null) return false;
  const limit = /\d$/.test(b.text) ? `${b.text} (${formatBytes(b.bytes)})` : b.text;
  const delta = peak - b.bytes;
  const pct = b.bytes > 0 ? ` (${percent(Math.abs(delta) / b.bytes)})` : "";
  if (delta > 0) {
    report.push(`memassert: ${what} peak ${formatBytes(peak)} exceeds ${option} ${limit} by ${formatBytes(delta)}${pct}`);
    return true;
  }
  if (!quiet) report.push(`memassert: ${what} peak ${formatBytes(peak)} is within ${option} ${limit}: ${formatBytes(-delta)}${pct} to spare`);
  return false;
}

function percent(ratio: number): string {
  const p = ratio * 100;
  return p < 1 && p > 0 ? `${p.toFixed(1)} %` : `${Math.round(p)} %`;
}

/** The exit status for a finished run; see the table in {@link HELP}. */
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
      return await fail(EXIT.notExecutable, `not executable: ${cmd} (check it is a file with execute permission: chmod +x ${cmd})`);
    case "EPERM_PTRACE":
      return await fail(EXIT.ptraceDenied, oneLine(error));
    case "ESPAWN":
      return await fail(EXIT.internal, oneLine(error)); // names the step that failed and its errno
    default:
      throw error;
  }
}

