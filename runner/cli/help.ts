/** The text of `memassert --help`: the command line's documentation. */
import pkg from "../../package.json" with { type: "json" };
import { formatOptions } from "./args.ts";
import { BASELINE_OPTIONS, GATE_OPTIONS, MERGE_OPTIONS, RUN_OPTIONS, TEST_OPTIONS } from "./options.ts";
import type { OptionSpec } from "./args.ts";

/** `specs` without the baseline options, which the help lists once. */
const own = (specs: OptionSpec[]) => specs.filter((s) => !BASELINE_OPTIONS.includes(s));

/**
 * The text of `memassert --help`, made when asked for: laying out the option tables costs
 * every other command a few milliseconds at start otherwise.
 */
export function help(): string {
  return `memassert ${pkg.version}: exact peak memory (RSS, PSS) of a Linux process tree

Usage:
  memassert run [options] -- CMD [ARGS...]
  memassert run [options] CMD [ARGS...]    (CMD must not start with "-")
  memassert run --runs N [options] -- A [ARGS...] ::: B [ARGS...]
  memassert run --attach PID [options]
  memassert test [options] [PATHS...]
  memassert gate [options] RESULTS...
  memassert merge [options] DIR|FILES...
  memassert --help | --version

memassert run
-------------
Runs CMD with its stdin, stdout and stderr untouched, traces it and every process it
starts, and reports the highest RSS and PSS of CMD (the root) and of the whole tree
(highest sum over processes alive at the same moment). A summary goes to stderr:
the peaks, then what the tree used besides memory, summed over its processes: user
and system CPU time, minor and major page faults, voluntary and involuntary context
switches, bytes read from and written to storage. Those come from each process's own
counters read at its exit stop (what getrusage gives it, without its children, and
never ru_maxrss); voluntary switches leave out the stops memassert made.

Options (before CMD; everything after CMD is passed to CMD):
${formatOptions(RUN_OPTIONS)}

Kernels: peaks are exact on every kernel. Before Linux 6.2 each thread keeps up to 64
page faults' worth of RSS out of /proc/PID/statm (it reads low); 6.2 to 6.15 without
the fix read per-CPU counters approximately; 6.16 and later, and stable kernels with
the fix (Debian's 6.12), are exact. Where statm can be off, memassert also reads
smaps_rollup (a page-table walk) wherever the difference could change a peak. It
tells the kinds apart by version, and by a probe below 6.16; --json says which in
"kernel". MEMASSERT_KERNEL_RSS=lagging or approximate forces that care;
MEMASSERT_KERNEL_RSS=probe runs the probe on any kernel.

Sizes: bytes, or a number and a unit, space optional, decimals allowed. Units are
case-sensitive: B; KiB MiB GiB TiB (powers of 1024); kB (or KB) MB GB TB (powers of
1000). 64MiB is 67108864 bytes; 64MB is 64000000 bytes. Reports use KiB, MiB, GiB.

memassert test
--------------
Runs test files whose cases each run in a traced process of their own and must stay
within their memory limits: test(name, { budget, growth, runs, timeout }, fn) from
"memassert". PATHS are files, directories (searched for *.mem.ts, *.mem.mts, *.mem.js,
*.mem.mjs) or globs (quote them); default: the current directory. budget limits the
case's peak RSS; growth limits what it adds above the RSS it started with (after its
file loaded and a full GC). Limits come from the case, then defaults() in its file,
then these options, then the nearest memassert.config.ts (or .mjs, .js) or
package.json with a "memassert" field, from the current directory upward. A case
with no limit at all is reported "no limit" (--require-limits fails it).
In a test file: test.only(…) runs only the cases so declared (in every file),
test.skip(…) reports a case skipped without running it, and describe(name, fn) groups
the cases declared in fn: their names become "name › case" (blocks nest).
${formatOptions(own(TEST_OPTIONS))}
  (and the baseline options: see Baselines below)
Retained memory: after a case's end, its process runs a full GC and reads its RSS
and its JS heap in use. retained is that RSS minus the RSS at the case's start;
heapRetained is the heap in use then minus before the case. Garbage the case made
and dropped counts in growth, not in these: limit them with { retained,
heapRetained } (or --retained, --heap-retained) to catch what a case keeps.
{ warmup: N } runs the body N times before the measured run, unmeasured, so that
JIT code and lazy initialisation stop counting. { leakRuns: N } (N >= 3) runs it N
times in one process, each run followed by a full GC, and fails the case when the JS
heap retained grows from run 2 on by more than { leakPerRun } (default 64 KiB) a run,
least squares; the report gives the heap retained after each run.
A case that fails on its figures runs once more with heap snapshots before and after
it (after a full GC): the object types that grew most, top 10, follow its failure
and are in the JSON ("types").
Exit status of memassert test:
  0      every case passed
  1      a case failed (over a limit, or grown past its baseline's tolerance), a
         file could not be loaded, or no test was found
  2      usage or config error, a path that does not exist, or a baseline that
         cannot be used (not JSON, not a baseline, another major version)
  77     ptrace is not allowed here (the run stops at the first case)
  128+N  interrupted by signal N: 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP (the cases run
         so far are reported and written); a second signal ends it at once

Baselines
---------
A baseline file (default .memassert/baseline.json, committed with the tests) holds
each case's peak and growth in bytes, keyed "path/from/root.mem.ts › case name",
one case per line, sorted, with the environment that produced it. When it exists,
memassert test compares every case with it: a case regresses when
  now > baseline x (1 + relative) + absolute
for peak or growth. Default tolerance: relative 10 %, absolute 1 MiB for peak and
256 KiB for growth; set it with --tolerance, { tolerance } in memassert.config.ts,
defaults() or a case (test(name, { tolerance: "+5% 512KiB" }, fn)). A case that
looks like a regression (the median of its runs) is re-run --confirm times and fails
only when every re-run regresses too. Improvements, new and removed cases are reported; -u accepts them all (and writes the file), --ratchet
only lowers. A baseline from another environment is compared with a warning.
Options of memassert test, gate and merge:
${formatOptions(BASELINE_OPTIONS)}

memassert gate
--------------
Judges results written elsewhere against the baseline, running nothing: files of
memassert test --reporter json, or JSON Lines appended by the plugins (memassert/bun,
memassert/deno, memassert/uvu; MEMASSERT_REPORT=FILE). Prints the failing cases and
the changes; exit status as memassert test's. Options: the baseline options above, and
${formatOptions(own(GATE_OPTIONS))}

memassert merge
---------------
Joins the results of CI shards (memassert test --shard I/N --outfile FILE), a folder
of them or the files, into one report, and runs the gate once (when there is a
baseline). Refuses results of different memassert versions, a shard given twice or
missing, and a case in two shards (exit 2). Exit status as memassert test's.
Options: the baseline options above, and
${formatOptions(own(MERGE_OPTIONS))}

On GitHub Actions (GITHUB_ACTIONS set), test, gate and merge also print ::error
annotations for the failing cases (the 10 worst, then a ::notice with the count of
the others) and append a Markdown table to $GITHUB_STEP_SUMMARY (kept under 1 MiB).

Exit status of memassert run (the first that applies):
  2      usage error (bad option or value); CMD was not run
  127    CMD not found
  126    CMD found but not executable
  77     ptrace is not allowed here (the message says how to allow it; --mode sample
         works without ptrace)
  125    memassert itself failed
  130    memassert was interrupted by Ctrl-C (128+N for another signal N)
  128+N  CMD was killed by signal N (137 for SIGKILL), as in a shell
  N      CMD exited with status N != 0 (passed through)
  99     CMD succeeded but a --budget or --budget-tree was exceeded, or a peak
         grew past its --baseline entry's tolerance
  0      CMD succeeded and every budget was met
With --attach PID, the attached process is CMD; detaching from it (Ctrl-C, SIGTERM)
gives 0 (or 99 over a budget), since it runs on.
99 keeps clear of the statuses programs commonly use themselves (1, 2, 64-78 from
sysexits.h, 101 for Rust panics, 124-127 for timeout and env, 128+N for signals), so a
CI log can tell a budget failure apart. A "memassert:" line on stderr says which it was.

Examples:
  memassert test examples/
  memassert test 'test/**/*.mem.ts' -t parse --reporter junit --outfile memory.xml
  memassert test examples/ -u                    # write .memassert/baseline.json
  memassert test --shard 2/3 --outfile results/2.json && memassert merge results/
  memassert gate memory.jsonl --reporter bmf --outfile bmf.json
  memassert run --baseline .memassert/baseline.json --name build -- make
  memassert run -- node build.js
  memassert run --budget 256MiB --budget-tree 1GiB -- npm test
  memassert run --tree --json=peak.json make -j4
  memassert run --mode sample --json -- ./server --once > result.json
  memassert run --runs 5 --warmup 1 --export-markdown runs.md -- ./old ::: ./new
  memassert run -o mem.log -a -f '%C %e s %M KiB' -- make
`;
}

/** One line of usage, for errors. */
export const USAGE = "usage: memassert run [options] -- CMD [ARGS...] | memassert test [PATHS...] | memassert gate RESULTS... | memassert merge DIR; see memassert --help";
