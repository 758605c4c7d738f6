/** The text of `memassert --help`: the command line's documentation. */
import pkg from "../package.json" with { type: "json" };

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
  --mode MODE          how peaks are obtained (default: exact)
                         exact   stop the tree before each syscall that can shrink memory
                                 and at each exit: exact peaks; slower for programs that
                                 free memory very often
                         fast    read the kernel's VmHWM: little overhead, but may
                                 under-count memory that was freed (approximate)
                         sample  read RSS at an interval: for machines where ptrace is
                                 denied; may miss short peaks (approximate)
  --budget SIZE        fail with exit status 99 when the root's peak RSS is above SIZE
  --budget-tree SIZE   fail with exit status 99 when the tree's peak RSS is above SIZE
  --json [FILE]        write the whole result as JSON to FILE, or to stdout when FILE is
                       "-" or left out (stdout is shared with CMD's output: prefer FILE).
                       Without "--" before CMD, write --json=FILE.
                       Shape: schema/result.schema.json (sizes are bytes)
  --tree               also print a table of every process on stderr: pid, parent pid,
                       peak RSS and PSS, anon/file/shmem at the peak, exit, command
  --timeline           record RSS over time into the JSON result ("samples")
  --quiet              print no summary (errors and budget failures are still printed)
  -h, --help           print this help and exit
  --version            print the version and exit

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
  -t, --filter REGEX   run only the cases whose name matches
  -j, --jobs N         cases run at once (default: the number of CPUs)
  --runs N             run each case N times and judge the median
  --timeout MS         kill and fail a case after MS milliseconds (default 30000)
  --kill-above SIZE    kill and fail a case whose process passes SIZE (default: 4x its
                       budget, or 256 MiB + 4x its growth limit; none without limits)
  --reporter NAME      default (one line per case; live progress on a terminal), json
                       or junit (peak, growth and budget as testcase properties)
  --outfile FILE       write the json or junit report to FILE; the default report
                       still goes to stdout
  --pass-with-no-tests exit 0 when no test is found
Exit status of memassert test:
  0      every case passed
  1      a case failed, a file could not be loaded, or no test was found
  2      usage or config error, or a path that does not exist
  130    interrupted by Ctrl-C

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
