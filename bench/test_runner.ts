/**
 * Benchmark: what `memassert test` costs. Each case of a test file runs in a
 * traced process of its own; this measures that against running the same file
 * with the runtime, untraced:
 *
 *  1. per-case overhead: `memassert test` on 20 trivial cases with -j 1,
 *     divided by 20, minus one untraced `RUNTIME FILE` (target ≤ 15 ms);
 *  2. 200 trivial cases with -j 2 against 200 untraced `RUNTIME FILE`
 *     processes two at a time (target ≤ 1.2×);
 *  3. a case that allocates and frees ≥ 1 GiB in small objects, its own
 *     work timed inside the process, traced and untraced (target ≤ 10 %);
 *
 * then, for information, where the time of one trivial case goes: its
 * process untraced, traced as `memassert test` traces it (fast filter until
 * the case arms the exact one) and traced exactly from the start.
 *
 *   bun bench/test_runner.ts [--quick] [--runtime binary|bun|deno] [--runs N] [--only a,b] [--json OUT]
 *
 * It reports and never fails on a missed target: exit 1 only when it cannot
 * run at all (no dist/memassert for --runtime binary, a fixture that fails).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");
const BUN = join(ROOT, "node_modules/.bin/bun");
const DENO = join(ROOT, "node_modules/.bin/deno");
const DIST = join(ROOT, "dist/memassert");
const MEM = join(ROOT, "bench/mem");
const FIXTURE = {
  one: join(MEM, "one.mem.ts"),
  twenty: join(MEM, "trivial20.mem.ts"),
  many: join(MEM, "trivial200.mem.ts"),
  alloc: join(MEM, "alloc1g.mem.ts"),
};
const TIMEOUT_MS = 300_000;
/** The variable through which alloc1g.mem.ts reports the time of its work. */
const TIMES_ENV = "MEMASSERT_BENCH_TIMES";
/** The name of alloc1g.mem.ts's one case (its process is started by name, as memassert test does). */
const ALLOC_CASE = "allocate and free 1 GiB in small objects";

/** Targets the README states; checked here, never enforced. */
const TARGET = { perCaseMs: 15, manyRatio: 1.2, allocOverhead: 0.10 };

type Runtime = "binary" | "bun" | "deno";
const SECTIONS = ["percase", "many", "alloc", "breakdown"] as const;
type Section = (typeof SECTIONS)[number];

// ---- options ----------------------------------------------------------------

function parseArgs(argv: string[]) {
  const opts = { quick: false, runs: 0, runtime: "binary" as Runtime, only: [] as Section[], json: "" };
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
    } else if (a === "--runtime") {
      const v = value();
      if (v !== "binary" && v !== "bun" && v !== "deno") throw new RangeError(`--runtime must be binary, bun or deno, got "${v}"`);
      opts.runtime = v;
    } else if (a === "--only") {
      for (const s of value().split(",")) {
        if (!(SECTIONS as readonly string[]).includes(s)) throw new RangeError(`--only: no section "${s}" (${SECTIONS.join(", ")})`);
        opts.only.push(s as Section);
      }
    } else if (a === "--json") opts.json = resolve(value());
    else if (a === "--help" || a === "-h") {
      console.log(`usage: bun bench/test_runner.ts [--quick] [--runtime binary|bun|deno] [--runs N] [--only ${SECTIONS.join(",")}] [--json OUT]`);
      process.exit(0);
    } else throw new SyntaxError(`unknown option "${a}" (try --help)`);
  }
  return opts;
}

// ---- the commands of each runtime ---------------------------------------------

interface Setup {
  runtime: Runtime;
  /** memassert itself; "test …" or "run …" follows. */
  memassert: string[];
  /** The runtime on a file, untraced: the baseline. */
  load(file: string): string[];
  /**
   * A case's own process, the command `memassert test` starts for it. Mirrors
   * childCommand() in runner/testing/run.ts, which cannot be imported for
   * this: it answers for the runtime that imports it (Bun, here), from where
   * it is loaded. The runtime is named by its real path, as process.execPath
   * and Deno.execPath() name it.
   */
  child(file: string, index: number, name: string, verdict: string): string[];
  note: string;
}

type Env = Record<string, string | undefined>;
/** Under Deno: a directory holding one DENO_DIR per alternative (see envOf). */
let denoDirs: string | null = null;

/**
 * The environment of one alternative. Under Deno each gets a DENO_DIR of its
 * own, so that what one alternative leaves in Deno's caches (modules, V8 code
 * cache) cannot speed up or slow down another: each runs against the caches
 * it warmed itself. The runner and its own children share theirs, as they do
 * for a user.
 */
function envOf(key: string, extra: Env = {}): Env {
  return { ...process.env, ...(denoDirs ? { DENO_DIR: join(denoDirs, key) } : {}), ...extra };
}

function setupFor(runtime: Runtime): Setup {
  const childMain = join(ROOT, "runner/testing/child_main.ts");
  const bin = join(ROOT, "runner/bin.ts");
  switch (runtime) {
    case "binary": {
      if (!existsSync(DIST)) {
        console.error(`${DIST} is not built: node_modules/.bin/bun build/compile.ts (or --runtime bun|deno)`);
        process.exit(1);
      }
      return {
        runtime,
        memassert: [DIST],
        load: (f) => [BUN, f],
        child: (f, i, n, v) => [DIST, "__case", f, String(i), n, v],
        note: `memassert: ${DIST} (compiled${staleNote()}); baseline: bun FILE`,
      };
    }
    case "bun":
      return {
        runtime,
        memassert: [BUN, bin],
        load: (f) => [BUN, f],
        child: (f, i, n, v) => [realpathSync(BUN), childMain, f, String(i), n, v],
        note: "memassert: bun runner/bin.ts (sources); baseline: bun FILE",
      };
    case "deno":
      return {
        runtime,
        memassert: [DENO, "run", "-A", bin],
        load: (f) => [DENO, "run", "-A", f],
        child: (f, i, n, v) => [realpathSync(DENO), "run", "-A", childMain, f, String(i), n, v],
        note: "memassert: deno run -A runner/bin.ts (sources); baseline: deno run -A FILE; each alternative with a DENO_DIR of its own",
      };
  }
}

/** A warning when a source of runner/ or ffi/ is newer than dist/memassert. */
function staleNote(): string {
  const built = statSync(DIST).mtimeMs;
  const newer: string[] = [];
  for (const dir of ["runner", "runner/testing", "ffi"]) {
    for (const name of readdirSync(join(ROOT, dir))) {
      if (name.endsWith(".ts") && statSync(join(ROOT, dir, name)).mtimeMs > built) newer.push(`${dir}/${name}`);
    }
  }
  return newer.length ? `, OLDER than ${newer.slice(0, 3).join(", ")}${newer.length > 3 ? "…" : ""}: rebuild with bun build/compile.ts` : "";
}

function version(cmd: string[]): string {
  const r = Bun.spawnSync({ cmd, stdout: "pipe", stderr: "pipe" });
  return r.stdout.toString().split("\n")[0].trim();
}

// ---- measuring --------------------------------------------------------------

/** One timed run and what was read from it. */
interface Run {
  ms: number;
  ok: boolean;
  error?: string;
  /** The work's own time, from alloc1g.mem.ts. */
  workMs?: number;
  /** Bytes the work allocated (heap growth of one batch × batches; rough). */
  workBytes?: number;
  /** From `memassert run --json`: stops, wallMs (spawn to reap), root peak. */
  stops?: number;
  wallMs?: number;
  peak?: number;
  /** From `memassert test --reporter json`: each case's process, spawn to reap (the tracer's wallMs), in run order. */
  caseWallMs?: number[];
  /** The runner's time for each case (temp dir, tracing, process, verdict), in run order. */
  caseRunnerMs?: number[];
}
interface Cell {
  runs: Run[]; medianMs: number | null; minMs: number | null; error: string | null;
  work: number | null; workMin: number | null; stops: number | null; wallMs: number | null; peak: number | null;
  /** Medians over the runs' cases, the first case of each run apart (it may wait for its tracer thread, started while the file loads). */
  caseWallMs: number | null; caseRunnerMs: number | null; firstCaseWallMs: number | null; firstCaseRunnerMs: number | null;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

function cell(runs: Run[]): Cell {
  const ok = runs.filter((r) => r.ok);
  const bad = runs.find((r) => !r.ok);
  const pick = (f: (r: Run) => number | undefined) => median(ok.map(f).filter((x): x is number => x !== undefined));
  const works = ok.map((r) => r.workMs).filter((x): x is number => x !== undefined);
  return {
    runs,
    medianMs: median(ok.map((r) => r.ms)),
    minMs: ok.length ? Math.min(...ok.map((r) => r.ms)) : null,
    // one failed run spoils the cell: a runner that fails sometimes is a finding
    error: bad ? `${runs.length - ok.length}/${runs.length} runs failed: ${bad.error}` : null,
    work: median(works),
    workMin: works.length ? Math.min(...works) : null,
    stops: pick((r) => r.stops),
    wallMs: pick((r) => r.wallMs),
    peak: pick((r) => r.peak),
    caseWallMs: median(ok.flatMap((r) => r.caseWallMs?.slice(1) ?? [])),
    caseRunnerMs: median(ok.flatMap((r) => r.caseRunnerMs?.slice(1) ?? [])),
    firstCaseWallMs: pick((r) => r.caseWallMs?.[0]),
    firstCaseRunnerMs: pick((r) => r.caseRunnerMs?.[0]),
  };
}

interface Timed { ms: number; code: number | null; stdout: string; stderr: string; timedOut: boolean }

function timed(cmd: string[], env: Env): Timed {
  const t0 = performance.now();
  const r = Bun.spawnSync({ cmd, cwd: ROOT, env, stdin: "ignore", stdout: "pipe", stderr: "pipe", timeout: TIMEOUT_MS });
  const ms = performance.now() - t0;
  return { ms, code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString(), timedOut: !!r.exitedDueToTimeout };
}

function failure(r: Timed): string {
  if (r.timedOut) return `timed out after ${TIMEOUT_MS / 1000} s`;
  const tail = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join(" | ");
  return `exit ${r.code}${tail ? `: ${tail}` : ""}`;
}

/** A run of a plain command (exit 0 expected). */
function plain(cmd: string[], env: Env): Run {
  const r = timed(cmd, env);
  return r.code === 0 ? { ms: r.ms, ok: true } : { ms: r.ms, ok: false, error: failure(r) };
}

/** `memassert test FILE -j JOBS --reporter json`; every one of `cases` must pass. */
function memTest(memassert: string[], file: string, jobs: number, cases: number, env: Env): Run {
  const r = timed([...memassert, "test", file, "-j", String(jobs), "--reporter", "json"], env);
  let doc: { passed: number; results: { wallMs: number; runs: { wallMs: number }[] }[] };
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    return { ms: r.ms, ok: false, error: failure(r) };
  }
  if (r.code !== 0 || doc.passed !== cases) return { ms: r.ms, ok: false, error: `${doc.passed}/${cases} passed; ${failure(r)}` };
  // results come in the order cases finish: with -j 1, the order they ran
  return { ms: r.ms, ok: true, caseWallMs: doc.results.map((c) => c.runs[0].wallMs), caseRunnerMs: doc.results.map((c) => c.wallMs) };
}

/** `memassert run --mode MODE --json F -- CMD`. */
function memRun(memassert: string[], mode: "exact" | "fast", cmd: string[], tmp: string, env: Env): Run {
  const out = join(tmp, "result.json");
  rmSync(out, { force: true });
  const r = timed([...memassert, "run", "--mode", mode, "--json", out, "--", ...cmd], env);
  if (r.code !== 0) return { ms: r.ms, ok: false, error: failure(r) };
  try {
    const j = JSON.parse(readFileSync(out, "utf8"));
    return { ms: r.ms, ok: true, stops: j.stops, wallMs: j.wallMs, peak: j.root?.peakRss };
  } catch (e) {
    return { ms: r.ms, ok: false, error: `unreadable --json output: ${(e as Error).message}` };
  }
}

/** Runs `cmd` `count` times, `parallel` at a time (Bun.spawn); the whole pool is timed. */
async function pool(cmd: string[], count: number, parallel: number, env: Env): Promise<Run> {
  let next = 0, failed = 0;
  let firstError = "";
  const t0 = performance.now();
  const lane = async () => {
    while (next < count) {
      next++;
      const p = Bun.spawn({ cmd, cwd: ROOT, env, stdin: "ignore", stdout: "ignore", stderr: "pipe" });
      const code = await p.exited;
      if (code !== 0) {
        failed++;
        firstError ||= `exit ${code}: ${(await new Response(p.stderr).text()).trim().split("\n").slice(-1)[0]}`;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  const ms = performance.now() - t0;
  return failed ? { ms, ok: false, error: `${failed}/${count} processes failed: ${firstError}` } : { ms, ok: true };
}

/** Adds the work's own time (alloc1g.mem.ts writes it) to a run. */
function withWork(run: Run, timesFile: string): Run {
  let lines: { ms: number; bytes: number }[] = [];
  try {
    lines = readFileSync(timesFile, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  } catch { /* no file: the case did not finish */ }
  rmSync(timesFile, { force: true });
  if (!run.ok) return run;
  if (lines.length !== 1) return { ...run, ok: false, error: `expected one time from the case, got ${lines.length}` };
  return { ...run, workMs: lines[0].ms, workBytes: lines[0].bytes || undefined };
}

/** Every cell measured, for the list of failures at the end. */
const allCells: { label: string; cell: Cell }[] = [];

/**
 * Runs each alternative `n` times, interleaved (a, b, c, a, b, c, …) after one
 * untimed warm-up run of each, so that slow spells of a noisy VM hit all alike.
 */
async function interleave<K extends string>(alts: Record<K, () => Run | Promise<Run>>, n: number, label: string): Promise<Record<K, Cell>> {
  const keys = Object.keys(alts) as K[];
  const runs = Object.fromEntries(keys.map((k) => [k, [] as Run[]])) as Record<K, Run[]>;
  process.stderr.write(`${label}: warm-up…`);
  for (const k of keys) await alts[k]();
  for (let i = 0; i < n; i++) {
    process.stderr.write(` ${i + 1}/${n}`);
    for (const k of keys) runs[k].push(await alts[k]());
  }
  process.stderr.write("\n");
  const cells = Object.fromEntries(keys.map((k) => [k, cell(runs[k])])) as Record<K, Cell>;
  for (const k of keys) allCells.push({ label: `${label.replace(/ \(.*/, "")} / ${k}`, cell: cells[k] });
  return cells;
}

// ---- reporting --------------------------------------------------------------

const fmtMs = (ms: number | null) => (ms === null ? "—" : Math.abs(ms) >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const fmtX = (x: number | null) => (x === null ? "—" : `${x.toFixed(2)}×`);
const fmtPct = (x: number | null) => (x === null ? "—" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`);
const fmtMiB = (b: number | null) => (b === null ? "—" : `${(b / 2 ** 20).toFixed(1)} MiB`);
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);
const sub = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const check = (value: number | null, limit: number) => (value === null ? "" : value <= limit ? " ✓" : " ✗");
const show = (c: Cell | undefined, f = fmtMs) =>
  (!c ? "—" : c.error && c.medianMs === null ? "failed" : f(c.medianMs) + (c.error ? " (some failed)" : ""));
const strip = (c: Cell) => ({ ...c, runsMs: c.runs.map((r) => +r.ms.toFixed(3)), workRunsMs: c.runs.map((r) => r.workMs ?? null), runs: undefined });

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const s = setupFor(opts.runtime);
  const only = (x: Section) => !opts.only.length || opts.only.includes(x);
  const tmp = mkdtempSync(join(tmpdir(), "memassert-bench-test-"));
  if (s.runtime === "deno") denoDirs = join(tmp, "deno");
  const times = join(tmp, "times.jsonl");
  const kernel = version(["uname", "-r"]);
  const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const loadBefore = load();
  const runs = (full: number, quick: number) => opts.runs || (opts.quick ? quick : full);

  console.log(`# memassert test benchmark (--runtime ${s.runtime})\n`);
  const deno = s.runtime === "deno" ? `, Deno ${version([DENO, "--version"]).replace(/^deno /, "").split(" ")[0]}` : "";
  console.log(`${cpus().length} CPUs, Linux ${kernel}, Bun ${version([BUN, "--version"])}${deno}${opts.quick ? ", --quick" : ""}; load average ${loadBefore}`);
  if (Number(loadBefore.split(" ")[0]) > 0.5) console.log("The machine is busy: figures will be noisy; re-run when it is idle.");
  console.log(`${s.note}\n`);
  const doc: Record<string, unknown> = {
    date: new Date().toISOString(), cpus: cpus().length, kernel, bun: version([BUN, "--version"]), runtime: s.runtime,
    quick: opts.quick, note: s.note,
  };
  const targets: Record<string, { limit: number; value: number | null }> = {};

  // ---- 1. per case ----
  if (only("percase")) {
    const n = runs(11, 3);
    const r = await interleave({
      test1: () => memTest(s.memassert, FIXTURE.one, 1, 1, envOf("test")),
      test20: () => memTest(s.memassert, FIXTURE.twenty, 1, 20, envOf("test")),
      load1: () => plain(s.load(FIXTURE.one), envOf("load")),
      load20: () => plain(s.load(FIXTURE.twenty), envOf("load")),
    }, n, `per case (${n} runs of each)`);
    const perCase = sub(ratio(r.test20.medianMs, 20), r.load20.medianMs);
    const marginal = r.test20.medianMs === null || r.test1.medianMs === null ? null
      : sub((r.test20.medianMs - r.test1.medianMs) / 19, r.load20.medianMs);
    const startup = r.test20.medianMs === null || r.test1.medianMs === null ? null
      : r.test1.medianMs - (r.test20.medianMs - r.test1.medianMs) / 19;
    console.log("## 1. Per-case overhead\n");
    console.log("Medians of whole commands (start-up included). T1, T20: `memassert test FILE -j 1` on one.mem.ts (1 trivial case) and trivial20.mem.ts (20); U1, U20: the same files run untraced by the runtime, which only registers the cases.\n");
    console.log("| | median | fastest |");
    console.log("|---|---:|---:|");
    console.log(`| T1 = memassert test one.mem.ts | ${show(r.test1)} | ${fmtMs(r.test1.minMs)} |`);
    console.log(`| T20 = memassert test trivial20.mem.ts -j 1 | ${show(r.test20)} | ${fmtMs(r.test20.minMs)} |`);
    console.log(`| U1 = untraced one.mem.ts | ${show(r.load1)} | ${fmtMs(r.load1.minMs)} |`);
    console.log(`| U20 = untraced trivial20.mem.ts | ${show(r.load20)} | ${fmtMs(r.load20.minMs)} |`);
    console.log("");
    console.log("Inside T20 (from `--reporter json`; medians over cases 2–20 of every run, and over the first cases):\n");
    console.log("| per case | cases 2–20 | first case |");
    console.log("|---|---:|---:|");
    console.log(`| the runner's time for the case (\`results[].wallMs\`: temp dir, tracing, process, verdict) | ${fmtMs(r.test20.caseRunnerMs)} | ${fmtMs(r.test20.firstCaseRunnerMs)} |`);
    console.log(`| the case's process, spawn to reap (\`results[].runs[].wallMs\`, the tracer's) | ${fmtMs(r.test20.caseWallMs)} | ${fmtMs(r.test20.firstCaseWallMs)} |`);
    console.log(`| the runner's own part (the difference) | ${fmtMs(sub(r.test20.caseRunnerMs, r.test20.caseWallMs))} | ${fmtMs(sub(r.test20.firstCaseRunnerMs, r.test20.firstCaseWallMs))} |`);
    console.log("");
    console.log("| figure | how | value |");
    console.log("|---|---|---:|");
    console.log(`| **extra per case** | T20 / 20 − U20 (runner start-up spread over 20 cases) | **${fmtMs(perCase)}**${check(perCase, TARGET.perCaseMs)} |`);
    console.log(`| marginal extra per case | (T20 − T1) / 19 − U20 (no start-up) | ${fmtMs(marginal)} |`);
    console.log(`| fixed cost, raw | T1 − U1 | ${fmtMs(sub(r.test1.medianMs, r.load1.medianMs))} |`);
    console.log(`| fixed cost without its case | T1 − (T20 − T1) / 19: runner start-up, collecting the file, report | ${fmtMs(startup)} |`);
    console.log(`\nextra per case: ${fmtMs(perCase)} (target ≤ ${TARGET.perCaseMs} ms)${check(perCase, TARGET.perCaseMs)}\n`);
    targets.perCaseMs = { limit: TARGET.perCaseMs, value: perCase };
    doc.perCase = {
      cells: Object.fromEntries(Object.entries(r).map(([k, c]) => [k, strip(c as Cell)])),
      perCaseMs: perCase, marginalMs: marginal, fixedRawMs: sub(r.test1.medianMs, r.load1.medianMs), startupMs: startup,
    };
  }

  // ---- 2. 200 cases, -j 2 ----
  if (only("many")) {
    const n = runs(5, 2);
    const r = await interleave({
      test: () => memTest(s.memassert, FIXTURE.many, 2, 200, envOf("test")),
      untraced: () => pool(s.load(FIXTURE.many), 200, 2, envOf("load")),
    }, n, `200 cases (${n} runs of each)`);
    const x = ratio(r.test.medianMs, r.untraced.medianMs);
    const best = ratio(r.test.minMs, r.untraced.minMs);
    console.log("## 2. 200 trivial cases, two at a time\n");
    console.log("`memassert test trivial200.mem.ts -j 2` against 200 untraced runs of the same file by the runtime, two at a time (a pool of Bun.spawn in this script). Medians of whole commands.\n");
    console.log("| | median | fastest | per case |");
    console.log("|---|---:|---:|---:|");
    console.log(`| memassert test -j 2 | ${show(r.test)} | ${fmtMs(r.test.minMs)} | ${fmtMs(ratio(r.test.medianMs, 100))} (per lane) |`);
    console.log(`| 200 × untraced, 2 at a time | ${show(r.untraced)} | ${fmtMs(r.untraced.minMs)} | ${fmtMs(ratio(r.untraced.medianMs, 100))} (per lane) |`);
    console.log(`| a case's process, spawn to reap (the tracer's wallMs) | ${fmtMs(r.test.caseWallMs)} | | |`);
    console.log(`| the runner's time for a case | ${fmtMs(r.test.caseRunnerMs)} | | |`);
    console.log(`\nmemassert/untraced: ${fmtX(x)} (target ≤ ${TARGET.manyRatio}×)${check(x, TARGET.manyRatio)}; fastest runs: ${fmtX(best)}${check(best, TARGET.manyRatio)}\n`);
    targets.manyRatio = { limit: TARGET.manyRatio, value: x };
    doc.many = { test: strip(r.test), untraced: strip(r.untraced), ratio: x, bestRatio: best };
  }

  // ---- 3. allocating and freeing ≥ 1 GiB ----
  if (only("alloc")) {
    const n = runs(7, 3);
    const env = (key: string) => envOf(key, { [TIMES_ENV]: times });
    rmSync(times, { force: true });
    const direct = s.load(FIXTURE.alloc);
    // The case's own process, as memassert test starts it: the work then runs
    // as a case (after loading the runner's modules and two full GCs), which
    // separates what being a case costs from what tracing it costs.
    const child = s.child(FIXTURE.alloc, 0, ALLOC_CASE, join(tmp, "verdict.json"));
    const r = await interleave({
      untraced: () => withWork(plain(direct, env("load")), times),
      test: () => withWork(memTest(s.memassert, FIXTURE.alloc, 1, 1, env("test")), times),
      child: () => withWork(plain(child, env("child")), times),
      childAsTest: () => withWork(memRun(s.memassert, "fast", child, tmp, env("run-fast-child")), times),
      exact: () => withWork(memRun(s.memassert, "exact", direct, tmp, env("run-exact")), times),
      fast: () => withWork(memRun(s.memassert, "fast", direct, tmp, env("run-fast")), times),
    }, n, `1 GiB of small objects (${n} runs of each)`);
    const bytes = median(Object.values(r).flatMap((c) => (c as Cell).runs.map((x) => x.workBytes).filter((b): b is number => !!b)));
    const over = sub(ratio(r.test.work, r.untraced.work), 1);
    const overBest = sub(ratio(r.test.workMin, r.untraced.workMin), 1);
    const asCase = sub(ratio(r.child.work, r.untraced.work), 1);
    const tracing = sub(ratio(r.test.work, r.child.work), 1);
    console.log("## 3. A case that allocates and frees ≥ 1 GiB\n");
    console.log(`bench/mem/alloc1g.mem.ts: 400 batches of 50 000 small objects (each with a 4-element array), each batch dropped for the next; ≈ ${fmtMiB(bytes)} allocated and freed in all (one batch's heap growth × 400, from process.memoryUsage(); rough). The work times itself with performance.now() and appends the figure to the file named by $${TIMES_ENV}, in every row; memassert's own start-up and the file's loading are not in it. ` +
      "The case's process is the command `memassert test` starts for the case, here run untraced and under `memassert run --mode fast`, which traces it as `memassert test` does (the process arms the exact filter itself as the case starts).\n");
    console.log("| | work (median) | work (fastest) | whole command | stops | peak RSS |");
    console.log("|---|---:|---:|---:|---:|---:|");
    console.log(`| untraced (${s.runtime === "deno" ? "deno run -A" : "bun"} FILE) | ${fmtMs(r.untraced.work)} | ${fmtMs(r.untraced.workMin)} | ${show(r.untraced)} | | |`);
    console.log(`| memassert test FILE | ${fmtMs(r.test.work)} | ${fmtMs(r.test.workMin)} | ${show(r.test)} | | |`);
    console.log(`| the case's process, untraced (informational) | ${fmtMs(r.child.work)} | ${fmtMs(r.child.workMin)} | ${show(r.child)} | | |`);
    console.log(`| memassert run --mode fast -- the case's process (as memassert test traces it; informational) | ${fmtMs(r.childAsTest.work)} | ${fmtMs(r.childAsTest.workMin)} | ${show(r.childAsTest)} | ${r.childAsTest.stops ?? "—"} | ${fmtMiB(r.childAsTest.peak)} |`);
    console.log(`| memassert run --mode exact -- FILE (informational) | ${fmtMs(r.exact.work)} | ${fmtMs(r.exact.workMin)} | ${show(r.exact)} | ${r.exact.stops ?? "—"} | ${fmtMiB(r.exact.peak)} |`);
    console.log(`| memassert run --mode fast -- FILE (informational) | ${fmtMs(r.fast.work)} | ${fmtMs(r.fast.workMin)} | ${show(r.fast)} | | ${fmtMiB(r.fast.peak)} |`);
    console.log(`\nof which being a case (the case's process untraced / untraced FILE − 1): ${fmtPct(asCase)}; tracing the case (memassert test / the case's process untraced − 1): ${fmtPct(tracing)}`);
    console.log(`\ntracing overhead of the case (test work / untraced work − 1): ${fmtPct(over)} (target ≤ ${fmtPct(TARGET.allocOverhead).replace("+", "")})${check(over, TARGET.allocOverhead)}; fastest runs: ${fmtPct(overBest)}${check(overBest, TARGET.allocOverhead)}\n`);
    targets.allocOverhead = { limit: TARGET.allocOverhead, value: over };
    doc.alloc = {
      cells: Object.fromEntries(Object.entries(r).map(([k, c]) => [k, strip(c as Cell)])),
      bytes, overhead: over, bestOverhead: overBest, asCaseOverhead: asCase, tracingOverhead: tracing,
    };
  }

  // ---- 4. where one trivial case's time goes (informational) ----
  if (only("breakdown")) {
    const n = runs(11, 3);
    const verdict = join(tmp, "verdict.json");
    const child = s.child(FIXTURE.one, 0, "trivial", verdict);
    // `memassert run --mode fast` on the case's process traces it as `memassert
    // test` does: the process starts under the fast filter (execs, marks) and
    // adds the exact one itself right before its case (armExact in
    // runner/mark.ts), under any tracer. `--mode exact` traps every
    // RSS-lowering call from the start, loading and GC included: what a case
    // cost before it armed the filter itself.
    const r = await interleave({
      tru: () => plain(["true"], envOf("true")),
      load: () => plain(s.load(FIXTURE.one), envOf("load")),
      child: () => plain(child, envOf("child")),
      runTrue: () => memRun(s.memassert, "exact", ["true"], tmp, envOf("run-true")),
      asTest: () => memRun(s.memassert, "fast", child, tmp, envOf("run-fast-child")),
      exact: () => memRun(s.memassert, "exact", child, tmp, envOf("run-exact-child")),
      test: () => memTest(s.memassert, FIXTURE.one, 1, 1, envOf("test")),
    }, n, `breakdown of one trivial case (${n} runs of each)`);
    const m = (k: keyof typeof r) => r[k].medianMs;
    console.log("## 4. Where one trivial case's time goes (informational)\n");
    console.log("The case's process is the command `memassert test` starts for it (`" + child.map((a) => a.replace(ROOT + "/", "")).join(" ").replace(verdict, "OUT") + "`), run here untraced and under `memassert run`. " +
      "It starts under the fast filter and adds the exact one itself right before its case, under any tracer: `run --mode fast` on it therefore traces it as `memassert test` does (plus one VmHWM read at exit), " +
      "while `run --mode exact` stops it at every RSS-lowering call from the start, loading and GC included, which `memassert test` no longer pays.\n");
    console.log("| command | median | stops | memassert's wallMs |");
    console.log("|---|---:|---:|---:|");
    console.log(`| true, untraced | ${show(r.tru)} | | |`);
    console.log(`| load one.mem.ts untraced | ${show(r.load)} | | |`);
    console.log(`| the case's process, untraced | ${show(r.child)} | | |`);
    console.log(`| memassert run -- true | ${show(r.runTrue)} | ${r.runTrue.stops ?? "—"} | ${fmtMs(r.runTrue.wallMs)} |`);
    console.log(`| memassert run --mode fast -- the case's process (as memassert test traces it) | ${show(r.asTest)} | ${r.asTest.stops ?? "—"} | ${fmtMs(r.asTest.wallMs)} |`);
    console.log(`| memassert run --mode exact -- the case's process (exact from the start) | ${show(r.exact)} | ${r.exact.stops ?? "—"} | ${fmtMs(r.exact.wallMs)} |`);
    console.log(`| memassert test one.mem.ts | ${show(r.test)} | | ${fmtMs(r.test.firstCaseWallMs)} |`);
    console.log("");
    const saved = r.exact.stops === null || r.asTest.stops === null ? null : r.exact.stops - r.asTest.stops;
    const savedMs = sub(r.exact.wallMs, r.asTest.wallMs);
    const perStop = saved ? ratio(savedMs, saved) : null;
    console.log("| part | how | value |");
    console.log("|---|---|---:|");
    console.log(`| the case's process beyond loading the file (libc through FFI for the marks, two full GCs, the exact filter, verdict) | case's process − load | ${fmtMs(sub(m("child"), m("load")))} |`);
    console.log(`| tracing the case's process as memassert test does | wallMs of run --mode fast − untraced case's process | ${fmtMs(sub(r.asTest.wallMs, m("child")))} |`);
    console.log(`| memassert's own start-up | run -- true − true | ${fmtMs(sub(m("runTrue"), m("tru")))} |`);
    console.log(`| test beyond run (the runner collecting the file, its tracer thread, temp dir, verdict, report) | test − run --mode fast on the case's process | ${fmtMs(sub(m("test"), m("asTest")))} |`);
    console.log(`| stops saved by arming the exact filter at the case | stops of run --mode exact − stops of run --mode fast | ${saved ?? "—"} |`);
    console.log(`| their time | wallMs of run --mode exact − wallMs of run --mode fast | ${fmtMs(savedMs)} |`);
    console.log(`| cost per stop | their time / their number | ${perStop === null ? "—" : `${(perStop * 1000).toFixed(0)} µs`} |`);
    console.log("");
    doc.breakdown = {
      cells: Object.fromEntries(Object.entries(r).map(([k, c]) => [k, strip(c as Cell)])),
      childBeyondLoadMs: sub(m("child"), m("load")), tracingAsTestMs: sub(r.asTest.wallMs, m("child")),
      startupMs: sub(m("runTrue"), m("tru")), testBeyondRunMs: sub(m("test"), m("asTest")),
      savedStops: saved, savedMs, perStopUs: perStop === null ? null : perStop * 1000,
    };
  }

  const failures = allCells.filter((c) => c.cell.error).map((c) => `- ${c.label}: ${c.cell.error}`);
  if (failures.length) console.log(`Failures:\n${failures.join("\n")}\n`);

  const loadAfter = load();
  console.log(`load average after: ${loadAfter}`);
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ ...doc, targets, loadAverage: { before: loadBefore, after: loadAfter } }, null, 2) + "\n");
    console.log(`wrote ${opts.json}`);
  }
  rmSync(tmp, { recursive: true, force: true });
}

await main();
