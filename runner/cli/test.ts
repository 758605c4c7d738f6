/** `memassert test [options] [PATHS...]`: run memory-budgeted test files. */
import { availableParallelism } from "node:os";
import { EXIT, fail, isTerminal, errorLine, out, UsageError, useColor, write } from "./io.ts";
import { parseOptions, sizeOption } from "./args.ts";
import { HELP } from "./help.ts";
import { TEST_OPTIONS } from "./options.ts";
import { ConfigError } from "../testing/config.ts";
import { MissingPathError } from "../testing/discover.ts";
import { checkWritable, OutputPathError, writeFileAtomic } from "../report/files.ts";
import { checkLayer, DEFAULT_LOAD_TIMEOUT_MS } from "../budget/limits.ts";
import { createReporter, type Reporter, type ReporterKind } from "../report/reporter.ts";
import { signalNumber } from "../measure/signals.ts";
import { runTests } from "../testing/schedule.ts";
import type { CaseOptions, TestReport } from "../testing/types.ts";

const REPORTERS: (ReporterKind | "html")[] = ["default", "json", "junit", "html"];

interface TestArgs {
  paths: string[];
  filter: RegExp | null;
  jobs: number;
  cli: CaseOptions;
  reporter: ReporterKind | "html";
  outfile: string | null;
  /** Where an HTML report goes besides the reporter's output (--report). */
  report: string | null;
  intervalMs: number | undefined;
  passWithNoTests: boolean;
  loadTimeout: number;
  help: boolean;
}

/** Signals that stop a run: the report of what ran is still printed and written. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Cases run at once at most: each is a traced process and a tracer thread. */
export const MAX_JOBS = 64;

function jobs(text: string): number {
  const n = positive("--jobs", text);
  if (n > MAX_JOBS) throw new UsageError(`--jobs "${text}": at most ${MAX_JOBS} cases run at once`);
  return n;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} "${text}": expected a whole number ≥ 1, e.g. ${name} 3`);
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
  const outfile = text("--outfile") ?? null;
  const reporter = (text("--reporter") ?? (outfile === null ? "default" : formatOf(outfile))) as TestArgs["reporter"];
  if (!REPORTERS.includes(reporter)) {
    throw new UsageError(`--reporter "${reporter}": unknown reporter (use default, json, junit or html)`);
  }
  const report = text("--report") ?? null;
  if (outfile !== null && reporter === "default") {
    throw new UsageError(`--outfile "${outfile}": the default report goes to stdout; give --reporter json, junit or html for the file`);
  }
  for (const [option, path] of [["--outfile", outfile], ["--report", report]] as const) {
    if (path === null) continue;
    try {
      checkWritable(option, path);
    } catch (error) {
      if (error instanceof OutputPathError) throw new UsageError(error.message);
      throw error;
    }
  }
  const cli: CaseOptions = {};
  if (values.has("--runs")) cli.runs = positive("--runs", text("--runs")!);
  if (values.has("--timeout")) cli.timeout = positive("--timeout", text("--timeout")!);
  if (values.has("--kill-above")) cli.killAbove = sizeOption("--kill-above", text("--kill-above")!);
  try {
    checkLayer({ options: cli, source: "the command line" });
  } catch (error) {
    throw new UsageError(errorLine(error));
  }
  const loadTimeout = values.has("--load-timeout") ? positive("--load-timeout", text("--load-timeout")!) : DEFAULT_LOAD_TIMEOUT_MS;
  return {
    paths: positionals,
    filter,
    jobs: values.has("--jobs") ? jobs(text("--jobs")!) : Math.min(availableParallelism(), MAX_JOBS),
    cli,
    reporter,
    outfile,
    report,
    intervalMs: values.has("--interval") ? milliseconds(text("--interval")!) : undefined,
    passWithNoTests: values.has("--pass-with-no-tests"),
    loadTimeout,
    help: values.has("--help"),
  };
}

/** The reporter an --outfile's name asks for: json for .json, junit for .xml, html for .html. */
function formatOf(outfile: string): string {
  if (/\.json$/i.test(outfile)) return "json";
  if (/\.xml$/i.test(outfile)) return "junit";
  if (/\.html?$/i.test(outfile)) return "html";
  throw new UsageError(`--outfile "${outfile}": cannot tell the format from its name (add --reporter json, junit or html)`);
}

function milliseconds(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 60_000) throw new UsageError(`--interval "${text}": expected whole milliseconds from 1 to 60000, e.g. --interval 10`);
  return n;
}

/** Runs `memassert test` with the arguments after "test"; resolves to the exit status. */
export async function testMain(args: string[]): Promise<number> {
  let a: TestArgs;
  try {
    a = parse(args);
  } catch (error) {
    if (error instanceof UsageError) return await fail(EXIT.usage, error.message);
    throw error;
  }
  if (a.help) return await out(HELP);
  const tty = isTerminal(1);
  const color = useColor() && tty;
  const stdout = { write: (s: string) => write(1, s), isTTY: tty, columns: tty ? process.stdout.columns : undefined };
  let document = "";
  const reporters: Reporter[] = [];
  const root = process.cwd();
  // The HTML report is written after the run, from the whole report (writeHtml below).
  const html = a.reporter === "html" ? a.outfile ?? "-" : null;
  const onStdout = html === "-" ? null : a.outfile === null ? a.reporter as ReporterKind : "default";
  if (onStdout !== null) reporters.push(createReporter(onStdout, stdout, { color, root }));
  if (a.outfile !== null && html === null && a.reporter !== "default") {
    reporters.push(createReporter(a.reporter as ReporterKind, { write: (s) => void (document += s) }, { color: false }));
  }
  // A live terminal draws each case's sparkline; a report draws its chart.
  const timeline = html !== null || a.report !== null || (color && a.reporter === "default");
  const reporter = fanOut(reporters);
  const abort = new AbortController();
  let caught: (typeof SIGNALS)[number] | null = null;
  const handlers = SIGNALS.map((sig) => [sig, () => {
    // A second signal ends memassert at once: the kernel kills whatever it traces when it exits.
    if (caught !== null) process.exit(EXIT.signalBase + (signalNumber(sig) ?? 0));
    caught = sig;
    abort.abort();
  }] as const);
  for (const [sig, fn] of handlers) process.on(sig, fn);
  try {
    const report = await runTests({
      paths: a.paths, cwd: process.cwd(), jobs: a.jobs, filter: a.filter, cli: a.cli, reporter, signal: abort.signal,
      loadTimeoutMs: a.loadTimeout,
      timeline: timeline ? { intervalMs: a.intervalMs } : undefined,
    });
    if (a.outfile !== null && html === null) writeFileAtomic(a.outfile, document);
    for (const path of [html, a.report]) if (path !== null) await writeHtml(path, report);
    if (report.untraceable !== null) return await fail(EXIT.ptraceDenied, errorLine(report.untraceable));
    // Interrupted: the cases run so far are reported (and written), then the shell's status.
    if (caught !== null) return EXIT.signalBase + (signalNumber(caught) ?? 0);
    if (report.results.length === 0 && report.fileErrors.length === 0) {
      if (a.passWithNoTests) return EXIT.ok;
      const where = a.paths.length ? a.paths.join(", ") : ".";
      const why = report.found > 0
        ? `no test of the ${report.found} found in ${where} matches -t ${a.filter}`
        : `no test found in ${where} (files named *.mem.ts, *.mem.js…)`;
      return await fail(EXIT.testsFailed, `${why}; --pass-with-no-tests to allow`);
    }
    return report.failed > 0 ? EXIT.testsFailed : EXIT.ok;
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

function fanOut(all: Reporter[]): Reporter {
  return {
    start: (i) => all.forEach((r) => r.start(i)),
    caseStarted: (c) => all.forEach((r) => r.caseStarted(c)),
    caseFinished: (c) => all.forEach((r) => r.caseFinished(c)),
    fileError: (e) => all.forEach((r) => r.fileError(e)),
    finish: (rep) => all.forEach((r) => r.finish(rep)),
  };
}
