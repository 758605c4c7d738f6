/** The text of `memassert --help`: the command line's documentation. */
import pkg from "../../package.json" with { type: "json" };
import { formatOptions } from "./args.ts";
import { RUN_OPTIONS, TEST_OPTIONS } from "./options.ts";

/** The text of `memassert --help`. */
export const HELP = `memassert ${pkg.version}: exact peak memory (RSS, PSS) of a Linux process tree

Usage:
  memassert run [options] -- CMD [ARGS...]
  memassert run [options] CMD [ARGS...]    (CMD must not start with "-")
  memassert test [options] [PATHS...]
  memassert --help | --version

memassert run
-------------
Runs CMD with its stdin, stdout and stderr untouched, traces it and every process it
starts, and reports the highest RSS and PSS of CMD (the root) and of the whole tree
(highest sum over processes alive at the same moment). A summary goes to stderr.

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
then these options, then memassert.config.ts or package.json "memassert" in the
current directory.
${formatOptions(TEST_OPTIONS)}
Exit status of memassert test:
  0      every case passed
  1      a case failed, a file could not be loaded, or no test was found
  2      usage or config error, or a path that does not exist
  77     ptrace is not allowed here (the run stops at the first case)
  128+N  interrupted by signal N: 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP (the cases run
         so far are reported and written); a second signal ends it at once

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
  99     CMD succeeded but a --budget or --budget-tree was exceeded
  0      CMD succeeded and every budget was met
99 keeps clear of the statuses programs commonly use themselves (1, 2, 64-78 from
sysexits.h, 101 for Rust panics, 124-127 for timeout and env, 128+N for signals), so a
CI log can tell a budget failure apart. A "memassert:" line on stderr says which it was.

Examples:
  memassert test examples/
  memassert test 'test/**/*.mem.ts' -t parse --reporter junit --outfile memory.xml
  memassert run -- node build.js
  memassert run --budget 256MiB --budget-tree 1GiB -- npm test
  memassert run --tree --json=peak.json make -j4
  memassert run --mode sample --json -- ./server --once > result.json
`;

/** One line of usage, for errors. */
export const USAGE = "usage: memassert run [options] -- CMD [ARGS...] | memassert test [PATHS...]; see memassert --help";
