/** The options of `memassert run` and `memassert test`: parsed, suggested and documented from here. */
import { type OptionSpec, parseOptions } from "./args.ts";
import { UsageError } from "./io.ts";

const help: OptionSpec = { name: "--help", short: "-h", help: ["print this help and exit"] };
const version: OptionSpec = { name: "--version", help: ["print the version and exit"] };

const interval: OptionSpec = {
  name: "--interval", value: "MS", what: "a number of milliseconds", example: "10",
  help: ["milliseconds between two samples of the timeline (default 10)"],
};
const report: OptionSpec = {
  name: "--report", value: "FILE", what: "a file", example: "memory.html",
  help: [
    "write an HTML report to FILE: RSS over time per process, the peak,",
    "the budgets, the process tree; one file that works offline",
  ],
};

/** `--json [FILE]`: X after it is its FILE only when a "--" later shows that X is not the command. */
function jsonTakes(next: string | undefined, rest: string[]): boolean {
  if (next === "-") return true;
  if (next === undefined || next.startsWith("-")) return false;
  if (separatedAfter(rest)) return true;
  if (next.endsWith(".json")) {
    throw new UsageError(`--json ${next}: "${next}" would be run as the command (write --json=${next}, or put -- before the command)`);
  }
  return false;
}

/** Whether the options in `rest` end with "--" before the command. */
function separatedAfter(rest: string[]): boolean {
  try {
    return parseOptions(rest, RUN_OPTIONS, true).separated;
  } catch (err) {
    // A mistake in options that a later "--" shows were meant as options is worth reporting.
    if (err instanceof UsageError && rest.includes("--")) throw err;
    return false;
  }
}

export const RUN_OPTIONS: OptionSpec[] = [
  {
    name: "--mode", value: "MODE", what: "a mode", example: "exact",
    help: [
      "how peaks are obtained (default: exact)",
      "  exact   stop the tree before each syscall that can shrink memory",
      "          and at each exit: exact peaks; slower for programs that",
      "          free memory very often",
      "  fast    read the kernel's VmHWM: little overhead, but may",
      "          under-count memory that was freed (approximate)",
      "  sample  read RSS at an interval: for machines where ptrace is",
      "          denied; may miss short peaks (approximate)",
    ],
  },
  {
    name: "--budget", value: "SIZE", what: "a size", example: "64MiB",
    help: ["fail with exit status 99 when the root's peak RSS is above SIZE"],
  },
  {
    name: "--budget-tree", value: "SIZE", what: "a size", example: "1GiB",
    help: ["fail with exit status 99 when the tree's peak RSS is above SIZE"],
  },
  {
    name: "--json", value: "FILE", optional: jsonTakes,
    help: [
      "write the whole result as JSON to FILE, or to stdout when FILE is",
      `"-" or left out (stdout is shared with CMD's output: prefer FILE).`,
      "Without \"--\" before CMD, write --json=FILE. FILE is replaced whole,",
      "never left half-written.",
      "Shape: schema/result.schema.json (sizes are bytes)",
    ],
  },
  {
    name: "--tree",
    help: [
      "also print a table of every process on stderr: pid, parent pid,",
      "peak RSS and PSS, anon/file/shmem at the peak, exit, command",
    ],
  },
  {
    name: "--timeline",
    help: [
      'record RSS over time into the JSON result ("timeline"): every',
      "--interval and at every stop; at most 2048 readings, a longer run",
      "thinned keeping each window's highest and lowest",
    ],
  },
  interval,
  report,
  { name: "--quiet", help: ["print no summary (errors and budget failures are still printed)"] },
  help,
  version,
];

export const TEST_OPTIONS: OptionSpec[] = [
  { name: "--filter", short: "-t", value: "REGEX", what: "a regular expression", example: "parse", help: ["run only the cases whose name matches"] },
  { name: "--jobs", short: "-j", value: "N", what: "a number", example: "2", help: ["cases run at once (default: the number of CPUs; at most 64)"] },
  { name: "--runs", value: "N", what: "a number", example: "3", help: ["run each case N times and judge the median"] },
  { name: "--timeout", value: "MS", what: "a number of milliseconds", example: "60000", help: ["kill and fail a case after MS milliseconds (default 30000)"] },
  {
    name: "--load-timeout", value: "MS", what: "a number of milliseconds", example: "60000",
    help: ["give up a test file (or the config) that has not finished loading", "after MS milliseconds (default 30000)"],
  },
  {
    name: "--kill-above", value: "SIZE", what: "a size", example: "1GiB",
    help: [
      "kill and fail a case whose process passes SIZE (default: 4x its",
      "budget, or 256 MiB + 4x its growth limit; none without limits)",
    ],
  },
  {
    name: "--reporter", value: "NAME", what: "a reporter", example: "junit",
    help: [
      "default (one line per case; live progress on a terminal, with a",
      "sparkline of each case's RSS when it is wide enough), json, junit",
      "(peak, growth and budget as testcase properties) or html (see",
      "--report)",
    ],
  },
  {
    name: "--outfile", value: "FILE", what: "a file", example: "memory.xml",
    help: [
      "write the json, junit or html report to FILE (the format from",
      "--reporter, or from the name: .json, .xml or .html); the default",
      "report still goes to stdout. The file is replaced whole, never",
      "left half-written",
    ],
  },
  {
    ...report,
    help: [
      "also write an HTML report to FILE, beside any other reporter: each",
      "case's RSS over time between its start and end (stacked per",
      "process, the peak, its limits and its starting RSS drawn), its",
      "figures and process tree; one file that works offline",
    ],
  },
  interval,
  { name: "--pass-with-no-tests", help: ["exit 0 when no test is found"] },
  help,
];
