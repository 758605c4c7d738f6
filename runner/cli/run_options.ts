/**
 * The options of `memassert run` for its output (-o, --append, --format), and for what it
 * measures besides one run of one command (--attach, --runs, --warmup and the exports).
 */
import type { OptionSpec } from "./args.ts";

export const OUTPUT_OPTIONS: OptionSpec[] = [
  {
    name: "--output", short: "-o", value: "FILE", what: "a file", example: "memory.txt",
    help: [
      "write the summary (and the --tree table) to FILE instead of stderr,",
      "replacing it; budget failures and errors still go to stderr",
    ],
  },
  { name: "--append", short: "-a", help: ["with -o: append to FILE instead of replacing it"] },
  {
    name: "--format", short: "-f", value: "FORMAT", what: "a format", example: '"%e s %M KiB"',
    help: [
      "print FORMAT instead of the summary, as GNU time -f does; \\n \\t",
      "and \\\\ are escapes, %% a %. The letters count the whole tree:",
      "  %e %E  wall-clock seconds; [hours:]minutes:seconds",
      "  %U %S  user, system CPU seconds",
      "  %P     CPU percentage: (user + system) / wall-clock",
      "  %M     peak RSS of the tree in KiB (time: the largest process's)",
      "  %R %F  minor, major page faults",
      "  %w %c  voluntary, involuntary context switches",
      "  %I %O  512-byte blocks read from, written to storage",
      "  %x     exit status (128+N for signal N)",
      "  %C     the command",
      "  %{peak} %{tree} %{treePss}  root and tree peaks in IEC units",
      "  %{PATH}  a field of the --json result: %{tree.peakRss} (bytes),",
      "           %{root.pid}, %{processes.0.usage.userMs}; ? when absent",
    ],
  },
];

export const REPEAT_OPTIONS: OptionSpec[] = [
  {
    name: "--attach", value: "PID", what: "a process id", example: "4242",
    help: [
      "measure the running process PID instead of a command, and the",
      "children it starts from then on, until it exits or Ctrl-C (which",
      "detaches and leaves it running; exit 0). With no seccomp filter in",
      "it, every thread stops at every system call (PTRACE_SYSCALL) and RSS",
      "is read before each that can lower it: slower for the process than",
      'exact mode, and its peak counts from the attach ("mode": "attach")',
    ],
  },
  {
    name: "--runs", value: "N", what: "a number", example: "5",
    help: [
      "run each command N times and report min, median, max and spread",
      "of its root peak, tree peak, tree PSS and wall time; budgets and",
      "--baseline judge the medians. Several commands, separated by :::",
      "(memassert run --runs 5 -- A ARGS ::: B ARGS), are run in turn and",
      "compared: their medians side by side, each tree peak's ratio to",
      "the smallest (exit 0 when every run succeeded); --baseline takes",
      "one command. A run that fails stops them all, with its status",
    ],
  },
  { name: "--warmup", value: "N", what: "a number", example: "1", help: ["run each command N times first, not counted"] },
  {
    name: "--export-json", value: "FILE", what: "a file", example: "runs.json",
    help: ["with --runs or several commands: write every run's figures and", "their spread to FILE (schema/series.schema.json)"],
  },
  {
    name: "--export-markdown", value: "FILE", what: "a file", example: "runs.md",
    help: ["with --runs or several commands: write the comparison to FILE", "as a Markdown table"],
  },
];
