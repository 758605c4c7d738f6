/**
 * What bench/run.ts and bench/test_runner.ts share: the common options, timed
 * runs of a command, `memassert run --json` read back, medians, formatting and
 * the machine line of the header.
 */
import { readFileSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dir, "..");
export const BUN = join(ROOT, "node_modules/.bin/bun");
export const TIMEOUT_MS = 300_000;

// ---- options ----------------------------------------------------------------

/** The options every bench takes. */
export interface CommonOptions { quick: boolean; runs: number; json: string }

/**
 * Parses `argv` into `opts`: --quick, --runs N, --json OUT and --help (which
 * prints `usage` and exits) here, the bench's own options in `more`, which
 * reads an option's value with `value()` and answers false for an option it
 * does not know.
 */
export function parseOptions<T extends CommonOptions>(
  argv: string[], opts: T, usage: string, more: (a: string, value: () => string) => boolean,
): T {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new SyntaxError(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") opts.quick = true;
    else if (a === "--runs") {
      opts.runs = Number(value());
      if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new RangeError(`--runs must be a positive integer, got "${argv[i]}"`);
    } else if (a === "--json") opts.json = resolve(value());
    else if (a === "--help" || a === "-h") {
      console.log(usage);
      process.exit(0);
    } else if (!more(a, value)) throw new SyntaxError(`unknown option "${a}" (try --help)`);
  }
  return opts;
}

// ---- running ----------------------------------------------------------------

/** One timed run; the benches add what they read from it. */
export interface Run { ms: number; ok: boolean; error?: string }

export interface Timed { ms: number; code: number | null; stdout: string; stderr: string; timedOut: boolean }

/** How a command is spawned; stderr is always read, for the error of a failed run. */
export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdin?: "ignore";
  stdout: "ignore" | "pipe";
}

/** Runs `cmd` to its end (at most TIMEOUT_MS), timed around the whole command. */
export function timed(cmd: string[], spawn: SpawnOptions): Timed {
  const t0 = performance.now();
  const r = Bun.spawnSync({ cmd, ...spawn, stderr: "pipe", timeout: TIMEOUT_MS });
  const ms = performance.now() - t0;
  return { ms, code: r.exitCode, stdout: r.stdout?.toString() ?? "", stderr: r.stderr.toString(), timedOut: !!r.exitedDueToTimeout };
}

/** Why a run failed: the timeout, or the exit status and the last lines of stderr (else stdout). */
export function failure(r: Timed): string {
  if (r.timedOut) return `timed out after ${TIMEOUT_MS / 1000} s`;
  const tail = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join(" | ");
  return `exit ${r.code}${tail ? `: ${tail}` : ""}`;
}

/** The run of a command that must exit 0. */
export function exitZero(r: Timed): Run {
  return r.code === 0 ? { ms: r.ms, ok: true } : { ms: r.ms, ok: false, error: failure(r) };
}

/** What `memassert run --json` tells of a run. */
export interface TracedRun extends Run { stops?: number; peak?: number; wallMs?: number }

/**
 * `MEMASSERT run ARGS --json OUT -- CMD`, spawned by `spawn`, with the stops,
 * the root's peak RSS and the wallMs read back from OUT (in `tmp`).
 */
export function memassertRun(spawn: (cmd: string[]) => Timed, memassert: string[], args: string[], cmd: string[], tmp: string): TracedRun {
  const out = join(tmp, "result.json");
  rmSync(out, { force: true });
  const r = spawn([...memassert, "run", ...args, "--json", out, "--", ...cmd]);
  if (r.code !== 0) return { ms: r.ms, ok: false, error: failure(r) };
  try {
    const j = JSON.parse(readFileSync(out, "utf8"));
    return { ms: r.ms, ok: true, stops: j.stops, peak: j.root?.peakRss, wallMs: j.wallMs };
  } catch (e) {
    return { ms: r.ms, ok: false, error: `unreadable --json output: ${(e as Error).message}` };
  }
}

// ---- medians ----------------------------------------------------------------

export const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/** The median of what `f` gives for the runs that give something. */
export const pickMedian = <R>(runs: R[], f: (r: R) => number | undefined) =>
  median(runs.map(f).filter((x): x is number => x !== undefined));

/** What every cell holds: the runs, the median and fastest time of those that succeeded, the first failure. */
export interface CellBase<R extends Run> { runs: R[]; medianMs: number | null; minMs: number | null; error: string | null }

/** A cell of `runs`, with what `more` makes of the runs that succeeded after the common fields. */
export function cellOf<R extends Run, X>(runs: R[], more: (ok: R[]) => X): CellBase<R> & X {
  const ok = runs.filter((r) => r.ok);
  const bad = runs.find((r) => !r.ok);
  return {
    runs,
    medianMs: median(ok.map((r) => r.ms)),
    minMs: ok.length ? Math.min(...ok.map((r) => r.ms)) : null,
    // one failed run spoils the cell: a tool that fails sometimes is a finding
    error: bad ? `${runs.length - ok.length}/${runs.length} runs failed: ${bad.error}` : null,
    ...more(ok),
  };
}

// ---- reporting --------------------------------------------------------------

export const fmtMs = (ms: number | null) => (ms === null ? "—" : Math.abs(ms) >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
export const fmtX = (x: number | null) => (x === null ? "—" : `${x.toFixed(2)}×`);
export const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);
export const check = (value: number | null, limit: number) => (value === null ? "" : value <= limit ? " ✓" : " ✗");
/** A cell's median time, "failed" when no run succeeded, flagged when some failed. */
export const show = (c: CellBase<Run> | undefined, f = fmtMs) =>
  (!c ? "—" : c.error && c.medianMs === null ? "failed" : f(c.medianMs) + (c.error ? " (some failed)" : ""));

// ---- the machine --------------------------------------------------------------

/** The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them. */
export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** The header's machine line (`runtimes`: "Bun 1.2.3", maybe more), and a warning when the machine is busy. */
export function printMachine(kernel: string, runtimes: string, quick: boolean, load: string): void {
  console.log(`${cpus().length} CPUs, Linux ${kernel}, ${runtimes}${quick ? ", --quick" : ""}; load average ${load}`);
  if (Number(load.split(" ")[0]) > 0.5) console.log("The machine is busy: figures will be noisy; re-run when it is idle.");
}
