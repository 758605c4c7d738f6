/** `memassert test [options] [PATHS...]`: run memory-budgeted test files. */
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { EXIT, fail, isTerminal, oneLine, out, UsageError, useColor, write } from "./cli_io.ts";
import { HELP } from "./help.ts";
import { ConfigError } from "./testing/config.ts";
import { MissingPathError } from "./testing/discover.ts";
import { createReporter, type Reporter, type ReporterKind } from "./testing/reporter.ts";
import { runTests } from "./testing/run.ts";
import type { CaseOptions } from "./testing/types.ts";

const REPORTERS: ReporterKind[] = ["default", "json", "junit"];

interface TestArgs {
  paths: string[];
  filter: RegExp | null;
  jobs: number;
  cli: CaseOptions;
  reporter: ReporterKind;
  outfile: string | null;
  passWithNoTests: boolean;
  help: boolean;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} "${text}": expected a whole number ≥ 1, e.g. ${name} 3`);
  return n;
}

function parse(args: string[]): TestArgs {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        filter: { type: "string", short: "t" },
        jobs: { type: "string", short: "j" },
        runs: { type: "string" },
        timeout: { type: "string" },
        "kill-above": { type: "string" },
        reporter: { type: "string" },
        outfile: { type: "string" },
        "pass-with-no-tests": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${oneLine(error)} (see memassert test --help)`);
  }
  let filter: RegExp | null = null;
  if (values.filter !== undefined) {
    try {
      filter = new RegExp(values.filter);
    } catch (error) {
      throw new UsageError(`-t "${values.filter}": not a regular expression: ${oneLine(error)}`);
    }
  }
  const reporter = (values.reporter ?? "default") as ReporterKind;
  if (!REPORTERS.includes(reporter)) {
    throw new UsageError(`--reporter "${values.reporter}": unknown reporter (use default, json or junit)`);
  }
  const cli: CaseOptions = {};
  if (values.runs !== undefined) cli.runs = positive("--runs", values.runs);
  if (values.timeout !== undefined) cli.timeout = positive("--timeout", values.timeout);
  if (values["kill-above"] !== undefined) cli.killAbove = values["kill-above"];
  return {
    paths: positionals,
    filter,
    jobs: values.jobs === undefined ? availableParallelism() : positive("--jobs", values.jobs),
    cli,
    reporter,
    outfile: values.outfile ?? null,
    passWithNoTests: values["pass-with-no-tests"] ?? false,
    help: values.help ?? false,
  };
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
  if (a.outfile === null) reporters.push(createReporter(a.reporter, stdout, { color, root }));
  else {
    reporters.push(createReporter("default", stdout, { color, root }));
    if (a.reporter !== "default") reporters.push(createReporter(a.reporter, { write: (s) => void (document += s) }, { color: false }));
  }
  const reporter = fanOut(reporters);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, onSignal);
  try {
    const report = await runTests({
      paths: a.paths, cwd: process.cwd(), jobs: a.jobs, filter: a.filter, cli: a.cli, reporter, signal: abort.signal,
    });
    if (a.outfile !== null) {
      writeFileSync(a.outfile, a.reporter === "default" ? "" : document);
    }
    if (abort.signal.aborted) return EXIT.interrupted;
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
    for (const sig of ["SIGINT", "SIGTERM"]) process.off(sig, onSignal);
  }
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
