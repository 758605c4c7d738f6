/** The options of every subcommand (run, test, gate, merge): parsed, suggested and documented from here. */
import { type OptionSpec, parseOptions } from "./args.ts";
import { UsageError } from "./io.ts";
import { OUTPUT_OPTIONS, REPEAT_OPTIONS } from "./run_options.ts";

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

const baseline: OptionSpec = {
  name: "--baseline", value: "FILE", what: "a file", example: ".memassert/baseline.json",
  help: [
    "compare each case with the baseline in FILE and fail one that grew",
    "past its tolerance (default: .memassert/baseline.json when it exists)",
  ],
};
const update: OptionSpec = {
  name: "--update", short: "-u",
  help: [
    "write the baseline (created if missing): accept every change past",
    "its tolerance, add new cases, drop removed ones; prints what changed",
  ],
};
const ratchet: OptionSpec = {
  name: "--ratchet",
  help: [
    "when every case passes, lower the baseline of the cases that improved",
    "by more than their tolerance (for the main branch); never raises one",
  ],
};
const tolerance: OptionSpec = {
  name: "--tolerance", value: "TOL", what: "a tolerance", example: '"+5% 512KiB"',
  help: [
    "how far above its baseline a case may go: a percentage and/or a size,",
    'e.g. "+5% 512KiB"; a part left out keeps its default (default: +10 %',
    "and 1 MiB for peak, +10 % and 256 KiB for growth). A case regresses",
    "when now > baseline x (1 + percentage) + size, for peak and growth",
  ],
};
const growthTolerance: OptionSpec = {
  name: "--growth-tolerance", value: "TOL", what: "a tolerance", example: '"+5% 256KiB"',
  help: ["the tolerance of growth alone (default: as --tolerance)"],
};
const strictEnvironment: OptionSpec = {
  name: "--strict-environment",
  help: [
    "fail when the environment (memassert, runtime, arch, kernel, libc)",
    "differs from the baseline's (default: warn)",
  ],
};
/** The options every gate shares: `test`, `gate` and `merge`. */
export const BASELINE_OPTIONS: OptionSpec[] = [baseline, update, ratchet, tolerance, growthTolerance, strictEnvironment];
const GATE = BASELINE_OPTIONS;

const reporter = (what: string[]): OptionSpec => ({
  name: "--reporter", value: "NAME", what: "a reporter", example: "junit",
  help: [
    ...what,
    "json (schema/test-report.schema.json), junit (figures, baseline,",
    "change and tolerance as testcase properties), bmf (Bencher) or",
    "github-benchmark (github-action-benchmark's customSmallerIsBetter)",
  ],
});
const format: OptionSpec = { name: "--format", value: "NAME", what: "a reporter", example: "bmf", help: ["the same as --reporter"] };
const outfile: OptionSpec = {
  name: "--outfile", value: "FILE", what: "a file", example: "memory.xml",
  help: [
    "write the --reporter document to FILE (its format taken from the",
    "name when no --reporter: .json or .xml); the default report still",
    "goes to stdout. The file is replaced whole, never left half-written",
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
      "peak RSS and PSS, anon/file/shmem at the peak, user and system CPU,",
      "minor and major faults, voluntary and involuntary context switches,",
      "bytes read from and written to storage, exit, command",
    ],
  },
  {
    name: "--explain",
    help: [
      "say where the memory went at the tree's peak, on stderr and in the",
      'JSON ("explain"): each process\'s RSS, and in the 3 largest, their',
      "8 largest mappings from /proc/PID/smaps (heap, anon, each file,",
      "shared memory, stack) with RSS and PSS. smaps is read at a new",
      "peak only when it passes the last one read by max(1 MiB, 1/16)",
      "(not with --mode sample)",
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
  ...OUTPUT_OPTIONS,
  ...REPEAT_OPTIONS,
  { ...baseline, help: ["compare the root's and the tree's peaks with the entry --name in", "the baseline FILE; exit 99 when one grew past its tolerance"] },
  { name: "--name", value: "NAME", what: "a name", example: "build", help: ["the command's entry in the baseline (needed with --baseline)"] },
  { ...update, help: ["write the command's entry into the --baseline FILE (created if missing)"] },
  { ...ratchet, help: ["lower the command's entry when its peaks improved past the tolerance"] },
  {
    ...tolerance,
    help: [
      "how far above their entry the root's and the tree's peaks may go:",
      'a percentage and/or a size, e.g. "+5% 512KiB" (default: +10 % and',
      "1 MiB); a peak regresses when now > entry x (1 + percentage) + size",
    ],
  },
  strictEnvironment,
  help,
  version,
];

export const TEST_OPTIONS: OptionSpec[] = [
  { name: "--filter", short: "-t", value: "REGEX", what: "a regular expression", example: "parse", help: ["run only the cases whose name matches"] },
  { name: "--jobs", short: "-j", value: "N", what: "a number", example: "2", help: ["cases run at once (default: the number of CPUs; at most 64)"] },
  {
    name: "--budget", value: "SIZE", what: "a size", example: "64MiB",
    help: ["limit every case's peak RSS to SIZE (a case's own limit and", "defaults() in its file win)"],
  },
  {
    name: "--growth", value: "SIZE", what: "a size", example: "16MiB",
    help: ["limit what every case adds above the RSS it started with to SIZE", "(a case's own limit and defaults() in its file win)"],
  },
  {
    name: "--require-limits",
    help: ["fail a case that has no limit at all (reported \"no limit\"), so a", "suite cannot pass by forgetting to set one"],
  },
  { name: "--bail", help: ["start no case after the first failure; the cases not started", "are reported skipped"] },
  { name: "--runs", value: "N", what: "a number", example: "3", help: ["run each case N times and judge the median"] },
  { name: "--timeout", value: "MS", what: "a number of milliseconds", example: "60000", help: ["kill and fail a case whose body runs longer than MS milliseconds", "(default 30000); loading its file has --load-timeout"] },
  {
    name: "--load-timeout", value: "MS", what: "a number of milliseconds", example: "60000",
    help: [
      "give up a test file (or the config) that has not finished loading",
      "after MS milliseconds (default 30000), both when its cases are listed",
      "and in each case's process, before the case (and its timeout) starts",
    ],
  },
  {
    name: "--retained", value: "SIZE", what: "a size", example: "4MiB",
    help: ["limit the RSS a case leaves behind: after its end and a full GC,", "minus its RSS at its start (garbage does not count)"],
  },
  {
    name: "--heap-retained", value: "SIZE", what: "a size", example: "1MiB",
    help: ["limit the JS heap a case leaves in use after its end and a full", "GC, minus before it started"],
  },
  {
    name: "--kill-above", value: "SIZE", what: "a size", example: "1GiB",
    help: [
      "kill and fail a case whose process passes SIZE (default: 4x its",
      "budget, or 256 MiB + 4x its growth limit; none without limits)",
    ],
  },
  {
    ...reporter([]),
    help: [
      "default (the cases by file, under each file's name, in declared",
      "order; lines fit the terminal, or COLUMNS; live progress on a",
      "terminal, with a sparkline of each case's RSS when it is wide",
      "enough; the totals and the time last), json",
      "(schema/test-report.schema.json), junit (figures, baseline, change",
      "and tolerance as testcase properties; like json, paths relative to",
      "the root), html (see --report), bmf",
      "(Bencher) or github-benchmark (github-action-benchmark's",
      "customSmallerIsBetter)",
    ],
  },
  format,
  {
    ...outfile,
    help: [
      "write the --reporter document to FILE (its format taken from the",
      "name when no --reporter: .json, .xml or .html); the default report",
      "still goes to stdout. The file is replaced whole, never left",
      "half-written",
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
  ...GATE,
  {
    name: "--confirm", value: "N", what: "a number", example: "4",
    help: [
      "re-run a case that looks like a regression N more times; it fails",
      "only when every one of them regresses too (default 2; 0 to judge",
      "at once). -u and --ratchet confirm what they write the same way",
    ],
  },
  {
    name: "--shard", value: "I/N", what: "a shard", example: "1/3",
    help: [
      "run only shard I of N: the cases are sorted by id and the k-th",
      "(from 0) goes to shard k mod N + 1. Write each shard's results",
      "with --outfile, then judge them together with memassert merge",
    ],
  },
  help,
];

export const GATE_OPTIONS: OptionSpec[] = [
  ...GATE, reporter(["default (the failing cases and the totals),"]), format, outfile, help,
];

export const MERGE_OPTIONS: OptionSpec[] = [
  ...GATE, reporter(["default (one line per case),"]), format, outfile, help,
];
