/** `memassert test [options] [PATHS...]`: run memory-budgeted test files. */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { EXIT, fail, isTerminal, errorLine, out, UsageError, useColor, write } from "./io.ts";
import { parseOptions, sizeOption } from "./args.ts";
import { help } from "./help.ts";
import { TEST_OPTIONS } from "./options.ts";
import { writeCiOutputs } from "./ci.ts";
import { closeGate, gateArgs, type GateArgs, type OpenGate, openGate, reviewer, toleranceLayer } from "./baseline_gate.ts";
import { checkOutput, documentKind, outputOf, type Output } from "./output.ts";
import { BaselineError } from "../gate/baseline.ts";
import { currentEnvironment } from "../gate/environment.ts";
import { caseId, fileOfId } from "../gate/ids.ts";
import { pathsScope } from "../gate/scope.ts";
import { parseShard, pickShard, type Shard } from "../gate/shard.ts";
import { ConfigError } from "../testing/config.ts";
import { MissingPathError } from "../testing/discover.ts";
import { writeFileAtomic } from "../report/files.ts";
import { checkLayer, DEFAULT_LOAD_TIMEOUT_MS } from "../budget/limits.ts";
import { signalNumber } from "../measure/signals.ts";
import { createReporter, formatDocument, type Reporter } from "../report/reporter.ts";
import { runTests } from "../testing/schedule.ts";
import type { CaseOptions, TestReport } from "../testing/types.ts";

interface TestArgs {
  paths: string[];
  filter: RegExp | null;
  jobs: number;
  cli: CaseOptions;
  output: Output;
  /** Where an HTML report goes besides the reporter's output (--report). */
  report: string | null;
  intervalMs: number | undefined;
  passWithNoTests: boolean;
  loadTimeout: number;
  gate: GateArgs;
  confirm: number;
  shard: Shard | null;
  requireLimits: boolean;
  bail: boolean;
  help: boolean;
}

/** The limits the command line sets for every case, by option. */
const LIMIT_OPTIONS = [["--budget", "budget"], ["--growth", "growth"], ["--retained", "retained"], ["--heap-retained", "heapRetained"]] as const satisfies [string, keyof CaseOptions][];

/** Signals that stop a run: the report of what ran is still printed and written. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Cases run at once at most: each is a traced process and a tracer thread. */
export const MAX_JOBS = 64;

function jobs(text: string): number {
  const n = count("--jobs", text, 1);
  if (n > MAX_JOBS) throw new UsageError(`--jobs "${text}": at most ${MAX_JOBS} cases run at once`);
  return n;
}

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} "${text}": expected a whole number ≥ ${min}, e.g. ${name} 3`);
  return n;
}

function parse(args: string[]): TestArgs {
  const { values, positionals } = parseOptions(args, TEST_OPTIONS, false);
  const text = (name: string) => values.get(name) as string | undefined;
  let filter: RegExp | null = null;
  const pattern = text("--filter");
  if (pattern !== undefined) {
    try {
      filter = new RegExp(pattern);
    } catch (error) {
      throw new UsageError(`-t "${pattern}": not a regular expression: ${errorLine(error)}`);
    }
  }
  const gate = gateArgs(values);
  const report = text("--report") ?? null;
  if (report !== null) checkOutput("--report", report);
  const cli: CaseOptions = toleranceLayer(gate);
  for (const [option, key] of LIMIT_OPTIONS) if (values.has(option)) cli[key] = sizeOption(option, text(option)!);
  if (values.has("--runs")) cli.runs = count("--runs", text("--runs")!, 1);
  if (values.has("--timeout")) cli.timeout = count("--timeout", text("--timeout")!, 1);
  if (values.has("--kill-above")) cli.killAbove = sizeOption("--kill-above", text("--kill-above")!);
  try {
    checkLayer({ options: cli, source: "the command line" });
  } catch (error) {
    throw new UsageError(errorLine(error));
  }
  let shard: Shard | null = null;
  if (values.has("--shard")) {
    try {
      shard = parseShard(text("--shard")!);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (gate.update || gate.ratchet) {
      throw new UsageError(`--shard with ${gate.update ? "-u" : "--ratchet"}: a shard sees part of the cases; write the baseline from all of them with memassert merge DIR ${gate.update ? "-u" : "--ratchet"}`);
    }
  }
  return {
    paths: positionals,
    filter,
    jobs: values.has("--jobs") ? jobs(text("--jobs")!) : Math.min(availableParallelism(), MAX_JOBS),
    cli,
    output: outputOf(values),
    report,
    intervalMs: values.has("--interval") ? milliseconds(text("--interval")!) : undefined,
    passWithNoTests: values.has("--pass-with-no-tests"),
    loadTimeout: values.has("--load-timeout") ? count("--load-timeout", text("--load-timeout")!, 1) : DEFAULT_LOAD_TIMEOUT_MS,
    gate,
    confirm: values.has("--confirm") ? count("--confirm", text("--confirm")!, 0) : 2,
    shard,
    requireLimits: values.has("--require-limits"),
    bail: values.has("--bail"),
    help: values.has("--help"),
  };
}

function milliseconds(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 60_000) throw new UsageError(`--interval "${text}": expected whole milliseconds from 1 to 60000, e.g. --interval 10`);
  return n;
}

/** Runs `memassert test` with the arguments after "test"; resolves to the exit status. */
export async function testMain(args: string[]): Promise<number> {
  let a: TestArgs;
  let opened: OpenGate | null;
  const root = process.cwd();
  try {
    a = parse(args);
    if (a.help) return await out(help());
    opened = openGate(a.gate, `memassert test${a.paths.map((p) => ` ${quote(p)}`).join("")} -u`, root, []);
  } catch (error) {
    if (error instanceof UsageError || error instanceof BaselineError) return await fail(EXIT.usage, error.message);
    throw error;
  }
  const tty = isTerminal(1);
  const color = useColor() && tty;
  const stdout = { write: (s: string) => write(1, s), isTTY: tty, columns: (tty && process.stdout.columns) || columnsFromEnv() };
  const kind = documentKind(a.output);
  // A document on stdout leaves the people's report to stderr.
  const human = kind !== null && a.output.file === null ? (s: string) => write(2, s) : stdout.write;
  const reporter: Reporter = kind !== null && a.output.file === null ? quiet() : createReporter("default", stdout, { color, root });
  // The totals come last, after the comparison with the baseline: the run's finish waits for it.
  const held: Reporter = { ...reporter, finish: () => {} };
  // A live terminal draws each case's sparkline; a report draws its chart.
  const timeline = kind === "html" || a.report !== null || (color && kind === null);
  const abort = new AbortController();
  let caught: (typeof SIGNALS)[number] | null = null;
  const handlers = SIGNALS.map((sig) => [sig, () => {
    // A second signal ends memassert at once: the kernel kills whatever it traces when it exits.
    if (caught !== null) process.exit(EXIT.signalBase + (signalNumber(sig) ?? 0));
    caught = sig;
    abort.abort();
  }] as const);
  for (const [sig, fn] of handlers) process.on(sig, fn);
  let found = new Set<string>();
  const id = (c: { file: string; name: string }) => caseId(c.file, c.name, root);
  try {
    const report = await runTests({
      paths: a.paths, cwd: root, jobs: a.jobs, filter: a.filter, cli: a.cli, reporter: held, signal: abort.signal,
      loadTimeoutMs: a.loadTimeout,
      timeline: timeline ? { intervalMs: a.intervalMs } : undefined,
      pick: (cases, all) => {
        found = new Set(all.map(id));
        return a.shard ? pickShard(cases, id, a.shard) : cases;
      },
      review: opened ? reviewer(opened, a.confirm) : undefined,
      requireLimits: a.requireLimits,
      bail: a.bail,
    });
    // Asked of the C library only when something will read it (getconf takes a few ms).
    const environment = opened !== null || kind !== null ? currentEnvironment() : undefined;
    Object.assign(report, { ...(environment ? { environment } : {}), root, paths: a.paths, ...(a.shard ? { shard: a.shard } : {}) });
    let status = report.failed > 0 ? EXIT.testsFailed : EXIT.ok;
    if (opened && !abort.signal.aborted && report.untraceable === null) {
      const broken = new Set(report.fileErrors.map((e) => e.file));
      const inPaths = pathsScope(a.paths, root);
      // A shard sees part of the cases: what it did not find may be in another shard.
      const inScope = (caseKey: string) => a.shard === null && inPaths(fileOfId(caseKey)) && !broken.has(resolve(root, fileOfId(caseKey)));
      const outcome = closeGate(opened, report.results, { inScope, found }, environment!, report.failed === 0, color);
      report.gate = outcome.summary;
      if (reporter.note) reporter.note(outcome.text);
      else human(`${outcome.text}\n`);
      if (outcome.environmentFailed) status = EXIT.testsFailed;
    }
    if (kind === "html") await writeHtml(a.output.file ?? "-", report);
    else if (kind !== null) {
      const doc = `${formatDocument(kind, report, root)}\n`;
      if (a.output.file === null) write(1, doc);
      else writeFileAtomic(a.output.file, doc);
    }
    if (a.report !== null) await writeHtml(a.report, report);
    const warning = writeCiOutputs(report, report.gate ?? null, opened?.ctx.accept ?? "", human);
    if (warning) write(2, `${warning}\n`);
    reporter.finish(report);
    if (report.untraceable !== null) return await fail(EXIT.ptraceDenied, errorLine(report.untraceable));
    // Interrupted: the cases run so far are reported (and written), then the shell's status.
    if (caught !== null) return EXIT.signalBase + (signalNumber(caught) ?? 0);
    if (report.results.length === 0 && report.fileErrors.length === 0) {
      if (a.passWithNoTests) return EXIT.ok;
      const where = a.paths.length ? a.paths.join(", ") : ".";
      const why = report.found > 0
        ? `no test of the ${report.found} found in ${where} matches ${a.shard ? "this shard" : `-t ${a.filter}`}`
        : `no test found in ${where} (files named *.mem.ts, *.mem.js…)`;
      return await fail(EXIT.testsFailed, `${why}; --pass-with-no-tests to allow`);
    }
    return status;
  } catch (error) {
    if (error instanceof MissingPathError || error instanceof ConfigError) return await fail(EXIT.usage, error.message);
    throw error;
  } finally {
    for (const [sig, fn] of handlers) process.off(sig, fn);
  }
}

/** Writes the HTML report to `path` ("-": stdout); its module, with the charting library, loads only now. */
async function writeHtml(path: string, report: TestReport): Promise<void> {
  const { formatHtmlTests } = await import("../report/html.ts");
  const text = formatHtmlTests(report, { root: process.cwd() });
  if (path === "-") write(1, text);
  else writeFileAtomic(path, text);
}

/** The width `COLUMNS` gives output that is not a terminal (a pipe, a file) or one of no known size, if any. */
function columnsFromEnv(): number | undefined {
  const n = Number(process.env.COLUMNS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function quiet(): Reporter {
  const ignore = () => {};
  return { start: ignore, caseStarted: ignore, caseFinished: ignore, fileError: ignore, finish: ignore };
}

/** A path as a shell would need it typed. */
function quote(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
