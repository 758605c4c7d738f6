/**
 * Benchmark: what tracing costs. For each program in bench/progs, the median
 * wall time untraced, under GNU time, under the C floor tracer (bench/floor.c)
 * and under `memassert run --mode exact`; then the cost per tracer stop on
 * `churn` (one process) and on `treechurn` (five processes alive, where the floor
 * also runs with --tree, reading every live process at each stop as memassert
 * does), and the start-up time of `memassert run -- true` beside a compiled Bun hello-world's
 * (bench/startup.ts says where the difference goes).
 *
 *   bun bench/run.ts [--quick] [--runs N] [--only a,b] [--json OUT]
 *
 * It reports and never fails on a missed target: exit 1 only when it cannot
 * run at all (no gcc, a program that does not compile).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  BUN, cellOf, check, exitZero, failure, fmtX, loadAverage, memassertRun, parseOptions, pickMedian, printMachine, ratio, ROOT,
  show as showWith, timed as timedWith, type CellBase, type TracedRun,
} from "./lib.ts";

const OUT = join(ROOT, ".cache/bench");

/** Targets the README states; checked here, never enforced. */
const TARGET = { perStopRatio: 1.25, startupMs: 20, overHelloMs: 1.5 };
/** Wall-time ratio each program may reach against itself untraced and under GNU time. */
const RATIO_TARGET: Record<string, number> = { cpu: 1.02, bigfree: 1.1, forkexec: 2 };

interface Program { name: string; args: string[]; runs: number; quickRuns: number; about: string }
const PROGRAMS: Program[] = [
  { name: "cpu", args: [], runs: 5, quickRuns: 2, about: "~1 s of arithmetic, no syscalls in the loop" },
  { name: "bigfree", args: [], runs: 7, quickRuns: 3, about: "malloc, touch and free 256 MiB" },
  { name: "forkexec", args: [], runs: 7, quickRuns: 3, about: "300 × fork + exec /bin/true + wait" },
  { name: "churn", args: [], runs: 9, quickRuns: 3, about: "100 000 × malloc(1 MiB) + touch + free: one munmap each" },
  { name: "treechurn", args: [], runs: 7, quickRuns: 3, about: "4 children at once, each 25 000 × malloc(1 MiB) + touch + free" },
];
/** Runs for the tiny `true` measurements, which are cheap and noisy. */
const TRUE_RUNS = 15, TRUE_QUICK_RUNS = 7;

/** "floortree" is the floor with --tree: every live process read at each stop; "hello" a compiled Bun hello-world, whatever the command. */
type Tool = "untraced" | "gnutime" | "floor" | "floortree" | "memassert" | "hello";
const TOOLS: Tool[] = ["untraced", "gnutime", "floor", "memassert"];

/** One timed run. `stops`/`peak` come from the floor's stderr or memassert's JSON. */
type Run = TracedRun;
interface Cell extends CellBase<Run> { stops: number | null; peak: number | null; wallMs: number | null }

// ---- options ----------------------------------------------------------------

function parseArgs(argv: string[]) {
  const usage = "usage: bun bench/run.ts [--quick] [--runs N] [--only cpu,bigfree,forkexec,churn,treechurn] [--json OUT]";
  const opts = { quick: false, runs: 0, only: [] as string[], json: "" };
  parseOptions(argv, opts, usage, (a, value) => {
    if (a !== "--only") return false;
    opts.only = value().split(",");
    return true;
  });
  for (const name of opts.only)
    if (!PROGRAMS.some((p) => p.name === name)) throw new RangeError(`--only: no program "${name}"`);
  return opts;
}

// ---- setup ------------------------------------------------------------------

function sh(cmd: string[]): { code: number; out: string } {
  const r = Bun.spawnSync({ cmd, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString() };
}

function compile(): void {
  mkdirSync(OUT, { recursive: true });
  if (sh(["sh", "-c", "command -v gcc"]).code !== 0) {
    console.error("gcc not found: the floor and the programs are C (apt-get install -y gcc)");
    process.exit(1);
  }
  const sources = [["floor", "bench/floor.c"], ...PROGRAMS.map((p) => [p.name, `bench/progs/${p.name}.c`])];
  for (const [name, src] of sources) {
    const r = sh(["gcc", "-O2", "-Wall", "-o", join(OUT, name), join(ROOT, src)]);
    if (r.code !== 0) {
      console.error(`cannot compile ${src}:\n${r.out}`);
      process.exit(1);
    }
  }
}

/**
 * The least a compiled Bun program costs: `console.log("hello")` built as build/compile.ts
 * builds dist/memassert. Null when it cannot be built.
 */
function buildHello(): string | null {
  const src = join(OUT, "hello.ts"), exe = join(OUT, "hello");
  writeFileSync(src, `console.log("hello");\n`);
  const r = sh([BUN, "build", "--compile", "--minify", "--bytecode", "--format=esm", src, "--outfile", exe]);
  return r.code === 0 ? exe : null;
}

/** GNU time, or why it is not there. hyperfine and others are not used. */
function findGnuTime(): { path: string | null; note: string } {
  const path = "/usr/bin/time";
  if (!existsSync(path)) return { path: null, note: "GNU time not found at /usr/bin/time (apt-get install -y time): its column is empty" };
  const v = sh([path, "--version"]);
  if (!/GNU/.test(v.out)) return { path: null, note: `${path} is not GNU time: its column is empty` };
  return { path, note: `GNU time: ${v.out.split("\n")[0]}` };
}

/** The compiled executable if it is built, else the sources run by Bun. */
function findMemassert(): { cmd: string[] | null; compiled: boolean; note: string } {
  const dist = join(ROOT, "dist/memassert");
  if (existsSync(dist) && statSync(dist).mode & 0o111) return { cmd: [dist], compiled: true, note: `memassert: ${dist} (compiled)` };
  const src = join(ROOT, "runner/bin.ts");
  if (existsSync(src)) return { cmd: [BUN, src], compiled: false, note: `memassert: bun runner/bin.ts (dist/memassert not built; start-up includes compiling TypeScript)` };
  return { cmd: null, compiled: false, note: "memassert: neither dist/memassert nor runner/bin.ts exists: its column is empty" };
}

// ---- measuring --------------------------------------------------------------

/** `prefix` wraps every command line, tool included (e.g. taskset). */
interface Env { gnuTime: string | null; memassert: string[] | null; hello: string | null; tmp: string; prefix: string[] }
let prefix: string[] = [];

const timed = (cmd: string[]) => timedWith([...prefix, ...cmd], { stdout: "ignore" });

/** `memassertArgs` null: the bare `memassert run -- CMD`, no --json read back. */
function runOnce(tool: Tool, cmd: string[], env: Env, memassertArgs: string[] | null = ["--mode", "exact"]): Run {
  switch (tool) {
    case "untraced":
      return exitZero(timed(cmd));
    case "hello":
      return env.hello ? exitZero(timed([env.hello])) : { ms: NaN, ok: false, error: "hello-world not built" };
    case "gnutime": {
      if (!env.gnuTime) return { ms: NaN, ok: false, error: "GNU time missing" };
      const out = join(env.tmp, "time.txt");
      const r = timed([env.gnuTime, "-v", "-o", out, ...cmd]);
      if (r.code !== 0) return { ms: r.ms, ok: false, error: failure(r) };
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(out, "utf8"));
      return { ms: r.ms, ok: true, peak: m ? Number(m[1]) * 1024 : undefined };
    }
    case "floor":
    case "floortree": {
      const r = timed([join(OUT, "floor"), ...(tool === "floortree" ? ["--tree"] : []), ...cmd]);
      const m = /stops=(\d+) peak=(\d+)/.exec(r.stderr);
      if (r.code !== 0 || !m) return { ms: r.ms, ok: false, error: failure(r) };
      return { ms: r.ms, ok: true, stops: Number(m[1]), peak: Number(m[2]) };
    }
    case "memassert": {
      if (!env.memassert) return { ms: NaN, ok: false, error: "memassert missing" };
      if (memassertArgs === null) return exitZero(timed([...env.memassert, "run", "--", ...cmd]));
      return memassertRun(timed, env.memassert, memassertArgs, cmd, env.tmp);
    }
  }
}

function cell(runs: Run[]): Cell {
  return cellOf(runs, (ok) => ({
    stops: pickMedian(ok, (r) => r.stops),
    peak: pickMedian(ok, (r) => r.peak),
    wallMs: pickMedian(ok, (r) => r.wallMs),
  }));
}

/**
 * Runs every tool `n` times, interleaved (untraced, time, floor, memassert,
 * untraced, …) so that slow drifts of a noisy VM hit all columns alike.
 */
function measure(cmd: string[], tools: Tool[], n: number, env: Env, memassertArgs?: string[] | null): Record<Tool, Cell> {
  const runs = Object.fromEntries(tools.map((t) => [t, [] as Run[]])) as Record<Tool, Run[]>;
  prefix = env.prefix;
  runOnce("untraced", cmd, env); // warm the page cache
  for (let i = 0; i < n; i++) for (const t of tools) runs[t].push(runOnce(t, cmd, env, memassertArgs));
  prefix = [];
  return Object.fromEntries(tools.map((t) => [t, cell(runs[t])])) as Record<Tool, Cell>;
}

interface PerStop {
  floorRawUs: number | null; memassertRawUs: number | null;
  floorFixedMs: number | null; memassertFixedMs: number | null;
  floorUs: number | null; memassertUs: number | null;
  memassertInnerUs: number | null; ratio: number | null;
}

/** Per-stop cost of each tracer on churn, with and without its fixed cost (from `true`). */
function perStopOf(churn: Record<Tool, Cell>, trivial: Record<Tool, Cell>, stat: "medianMs" | "minMs" = "medianMs"): PerStop {
  const u = churn.untraced[stat];
  const fixed = (t: "floor" | "memassert") => {
    const x = trivial[t][stat], y = trivial.untraced[stat];
    return x === null || y === null ? null : x - y;
  };
  const per = (total: number | null, stops: number | null, sub: number | null = 0) =>
    total === null || u === null || !stops || sub === null ? null : ((total - u - sub) / stops) * 1000;
  const f = churn.floor, m = churn.memassert;
  const floorUs = per(f[stat], f.stops, fixed("floor")), memassertUs = per(m[stat], m.stops, fixed("memassert"));
  return {
    floorRawUs: per(f[stat], f.stops), memassertRawUs: per(m[stat], m.stops),
    floorFixedMs: fixed("floor"), memassertFixedMs: fixed("memassert"),
    floorUs, memassertUs,
    memassertInnerUs: per(m.wallMs, m.stops),
    ratio: ratio(memassertUs, floorUs),
  };
}

// ---- reporting --------------------------------------------------------------

/** Unlike lib.ts's fmtMs, this one prints -100 ms and below with a decimal (as it always has). */
const fmtMs = (ms: number | null) => (ms === null ? "—" : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const fmtUs = (us: number | null) => (us === null ? "—" : `${us.toFixed(1)} µs`);
const fmtBytes = (b: number | null) => (b === null ? "—" : `${(b / 2 ** 20).toFixed(2)} MiB`);
const show = (c: Cell | undefined, f = fmtMs) => showWith(c, f);

function main() {
  const opts = parseArgs(process.argv.slice(2));
  compile();
  const time = findGnuTime();
  const ma = findMemassert();
  const env: Env = { gnuTime: time.path, memassert: ma.cmd, hello: buildHello(), tmp: mkdtempSync(join(tmpdir(), "memassert-bench-")), prefix: [] };
  const kernel = sh(["uname", "-r"]).out.trim();
  const loadBefore = loadAverage();
  console.log(`# memassert benchmark\n`);
  printMachine(kernel, `Bun ${Bun.version}`, opts.quick, loadBefore);
  console.log(`${time.note}\n${ma.note}\n`);

  const programs = PROGRAMS.filter((p) => !opts.only.length || opts.only.includes(p.name));
  const results: Record<string, Record<Tool, Cell>> = {};
  for (const p of programs) {
    const n = opts.runs || (opts.quick ? p.quickRuns : p.runs);
    process.stderr.write(`running ${p.name} (${n} runs of each)…\n`);
    const tools: Tool[] = p.name === "treechurn" ? [...TOOLS, "floortree"] : TOOLS;
    results[p.name] = measure([join(OUT, p.name), ...p.args], tools, n, env);
  }

  // Fixed costs: a trivial program under each tool. Subtracted from churn so
  // that the per-stop figure is not the runtime's start-up spread thin.
  const trueRuns = opts.runs || (opts.quick ? TRUE_QUICK_RUNS : TRUE_RUNS);
  process.stderr.write(`running true (${trueRuns} runs of each)…\n`);
  const trivial = measure(["/bin/true"], ["untraced", "floor", "memassert"], trueRuns, env);
  // The start-up target is for the compiled binary, plain `run -- true`.
  const startupCells = ma.cmd ? measure(["true"], ["memassert", "hello"], trueRuns, env, null) : null;
  const startup = startupCells?.memassert ?? null, hello = startupCells?.hello ?? null;

  // Most of a stop's cost is waking the tracer on the other CPU and back;
  // tracer and tracee on one CPU show how much (informational, no target).
  let oneCpu: { churn: Record<Tool, Cell>; trivial: Record<Tool, Cell> } | null = null;
  if (results.churn && sh(["sh", "-c", "command -v taskset"]).code === 0) {
    const n = opts.runs || (opts.quick ? 2 : 5);
    process.stderr.write(`running churn and true on one CPU (${n} runs of each)…\n`);
    const env1 = { ...env, prefix: ["taskset", "-c", "0"] };
    const tools: Tool[] = ["untraced", "floor", "memassert"];
    oneCpu = { churn: measure([join(OUT, "churn")], tools, n, env1), trivial: measure(["/bin/true"], tools, n, env1) };
  }
  let treeOneCpu: { tree: Record<Tool, Cell>; trivial: Record<Tool, Cell> } | null = null;
  if (results.treechurn && sh(["sh", "-c", "command -v taskset"]).code === 0) {
    const n = opts.runs || (opts.quick ? 2 : 5);
    process.stderr.write(`running treechurn and true on one CPU (${n} runs of each)…\n`);
    const env1 = { ...env, prefix: ["taskset", "-c", "0"] };
    treeOneCpu = {
      tree: measure([join(OUT, "treechurn")], ["untraced", "floor", "floortree", "memassert"], n, env1),
      trivial: oneCpu?.trivial ?? measure(["/bin/true"], ["untraced", "floor", "memassert"], n, env1),
    };
  }

  console.log("| program | untraced | GNU time | floor | memassert | memassert/untraced | memassert/GNU time | target |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---|");
  for (const p of programs) {
    const r = results[p.name];
    const missing = (ok: unknown, c: Cell) => (ok ? show(c) : "n/a");
    const vsUntraced = ratio(r.memassert.medianMs, r.untraced.medianMs);
    const vsTime = ratio(r.memassert.medianMs, r.gnutime.medianMs);
    const limit = RATIO_TARGET[p.name];
    const target = limit === undefined ? "per stop, below" : `≤ ${limit}×${check(vsUntraced, limit)}${check(vsTime, limit)}`;
    console.log(`| ${p.name} | ${show(r.untraced)} | ${missing(env.gnuTime, r.gnutime)} | ${show(r.floor)} | ${missing(env.memassert, r.memassert)} | ` +
      `${fmtX(vsUntraced)} | ${fmtX(vsTime)} | ${target} |`);
  }
  console.log(`| true | ${show(trivial.untraced)} | | ${show(trivial.floor)} | ${show(trivial.memassert)} | | | ≤ ${TARGET.startupMs} ms (below) |`);

  console.log("\nPeak RSS of the root process (GNU time: ru_maxrss; floor and memassert: highest statm RSS at stops):\n");
  console.log("| program | GNU time | floor | memassert | stops (floor) | stops (memassert) |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const p of programs) {
    const r = results[p.name];
    console.log(`| ${p.name} | ${fmtBytes(r.gnutime.peak)} | ${fmtBytes(r.floor.peak)} | ${fmtBytes(r.memassert.peak)} | ${r.floor.stops ?? "—"} | ${r.memassert.stops ?? "—"} |`);
  }

  const errors = Object.entries(results).flatMap(([name, r]) =>
    TOOLS.filter((t) => r[t].error && !(t === "gnutime" && !env.gnuTime) && !(t === "memassert" && !env.memassert))
      .map((t) => `- ${name} / ${t}: ${r[t].error}`));
  if (errors.length) console.log(`\nFailures:\n${errors.join("\n")}`);

  // ---- per stop (churn) ----
  let perStop: PerStop | null = null, perStop1: PerStop | null = null, perStopBest: PerStop | null = null;
  const churn = results.churn;
  if (churn) {
    perStop = perStopOf(churn, trivial);
    perStopBest = perStopOf(churn, trivial, "minMs");
    if (oneCpu) perStop1 = perStopOf(oneCpu.churn, oneCpu.trivial);
    const fs = churn.floor.stops, ms = churn.memassert.stops;
    console.log("\n## Cost per stop (churn)\n");
    console.log("per stop = (tool on churn − untraced churn − tool's fixed cost) / stops, where a tool's fixed cost = tool on `true` − untraced `true` (runtime start-up, spawn). Medians, except the \"best runs\" row, which uses each column's fastest run.\n");
    console.log("| | floor | memassert |");
    console.log("|---|---:|---:|");
    console.log(`| stops | ${fs ?? "—"} | ${ms ?? "—"} |`);
    console.log(`| fixed cost | ${fmtMs(perStop.floorFixedMs)} | ${fmtMs(perStop.memassertFixedMs)} |`);
    console.log(`| per stop, raw (no fixed cost subtracted) | ${fmtUs(perStop.floorRawUs)} | ${fmtUs(perStop.memassertRawUs)} |`);
    console.log(`| **per stop** | ${fmtUs(perStop.floorUs)} | ${fmtUs(perStop.memassertUs)} |`);
    console.log(`| per stop, best runs | ${fmtUs(perStopBest.floorUs)} | ${fmtUs(perStopBest.memassertUs)} |`);
    console.log(`| per stop from memassert's own wallMs | | ${fmtUs(perStop.memassertInnerUs)} |`);
    if (perStop1) console.log(`| per stop, tracer and tracee on one CPU (taskset -c 0; informational) | ${fmtUs(perStop1.floorUs)} | ${fmtUs(perStop1.memassertUs)} |`);
    console.log(`\nmemassert/floor per stop: ${fmtX(perStop.ratio)} (target ≤ ${TARGET.perStopRatio}×)${check(perStop.ratio, TARGET.perStopRatio)}; best runs: ${fmtX(perStopBest.ratio)}${check(perStopBest.ratio, TARGET.perStopRatio)}${perStop1 ? `; on one CPU (steadier): ${fmtX(perStop1.ratio)}${check(perStop1.ratio, TARGET.perStopRatio)}` : ""}`);
  }

  type TreePerStop = Record<"floor" | "floortree" | "memassert", number | null>;
  /** Per stop on treechurn; the floor's fixed cost is the same with or without --tree (one process on `true`). */
  const treePerStopOf = (tree: Record<Tool, Cell>, triv: Record<Tool, Cell>): TreePerStop => {
    const fixed = (t: "floor" | "memassert") => {
      const x = triv[t].medianMs, y = triv.untraced.medianMs;
      return x === null || y === null ? null : x - y;
    };
    const per = (t: "floor" | "floortree" | "memassert") => {
      const c = tree[t], u = tree.untraced.medianMs, f = fixed(t === "floortree" ? "floor" : t);
      return c.medianMs === null || u === null || f === null || !c.stops ? null : ((c.medianMs - u - f) / c.stops) * 1000;
    };
    return { floor: per("floor"), floortree: per("floortree"), memassert: per("memassert") };
  };
  let treePerStop: TreePerStop | null = null, treePerStop1: TreePerStop | null = null;
  const tree = results.treechurn;
  if (tree) {
    treePerStop = treePerStopOf(tree, trivial);
    if (treeOneCpu) treePerStop1 = treePerStopOf(treeOneCpu.tree, treeOneCpu.trivial);
    console.log("\n## Cost per stop with five processes alive (treechurn)\n");
    console.log("The floor reads only the stopped task; `floor --tree` reads every live process at each stop, as memassert does to keep the tree's peak. Per stop as for churn (medians, fixed cost from `true` subtracted).\n");
    console.log("| | floor | floor --tree | memassert |");
    console.log("|---|---:|---:|---:|");
    console.log(`| stops | ${tree.floor.stops ?? "—"} | ${tree.floortree.stops ?? "—"} | ${tree.memassert.stops ?? "—"} |`);
    console.log(`| wall time | ${show(tree.floor)} | ${show(tree.floortree)} | ${show(tree.memassert)} |`);
    console.log(`| **per stop** | ${fmtUs(treePerStop.floor)} | ${fmtUs(treePerStop.floortree)} | ${fmtUs(treePerStop.memassert)} |`);
    if (treePerStop1) console.log(`| per stop, all on one CPU (taskset -c 0; steadier) | ${fmtUs(treePerStop1.floor)} | ${fmtUs(treePerStop1.floortree)} | ${fmtUs(treePerStop1.memassert)} |`);
    console.log(`\nmemassert/floor --tree per stop: ${fmtX(ratio(treePerStop.memassert, treePerStop.floortree))} (the fair comparison); memassert/floor: ${fmtX(ratio(treePerStop.memassert, treePerStop.floor))}` +
      (treePerStop1 ? `; on one CPU: ${fmtX(ratio(treePerStop1.memassert, treePerStop1.floortree))} and ${fmtX(ratio(treePerStop1.memassert, treePerStop1.floor))}` : ""));
  }

  console.log("\n## Start-up\n");
  if (!ma.cmd) console.log("`memassert run -- true`: — (memassert missing)");
  else if (!ma.compiled) console.log(`\`memassert run -- true\`: ${show(startup!)} from \`bun runner/bin.ts\`; the target (≤ ${TARGET.startupMs} ms) is for the compiled dist/memassert, which is not built (bun run build)`);
  else console.log(`\`dist/memassert run -- true\`: ${show(startup!)} (target ≤ ${TARGET.startupMs} ms)${check(startup!.medianMs, TARGET.startupMs)}`);
  const overHello = startup?.medianMs != null && hello?.medianMs != null ? startup.medianMs - hello.medianMs : null;
  if (ma.compiled) {
    console.log(`\nA compiled Bun hello-world in the same runs: ${show(hello ?? undefined)}; memassert − hello-world: ${fmtMs(overHello)} ` +
      `(goal ≤ ${TARGET.overHelloMs} ms)${check(overHello, TARGET.overHelloMs)}. Where it goes: bun bench/startup.ts`);
  }

  if (opts.json) {
    const strip = (c: Cell) => ({ ...c, runsMs: c.runs.map((r) => +r.ms.toFixed(3)), runs: undefined });
    const doc = {
      date: new Date().toISOString(), cpus: cpus().length, kernel, bun: Bun.version, quick: opts.quick,
      gnuTime: time.path !== null, memassert: ma.note, compiled: ma.compiled,
      programs: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, Object.fromEntries(Object.entries(r).map(([t, c]) => [t, strip(c)]))])),
      true: Object.fromEntries(Object.entries(trivial).map(([k, c]) => [k, strip(c)])),
      perStop, perStopBestRuns: perStopBest, perStopOneCpu: perStop1, treePerStop, treePerStopOneCpu: treePerStop1,
      oneCpu: oneCpu && Object.fromEntries(Object.entries(oneCpu).map(([k, r]) => [k, Object.fromEntries(Object.entries(r).map(([t, c]) => [t, strip(c)]))])),
      loadAverage: { before: loadBefore, after: loadAverage() },
      startup: startup ? { ...strip(startup), compiled: ma.compiled } : null,
      hello: hello ? strip(hello) : null,
      targets: {
        ...Object.fromEntries(Object.entries(RATIO_TARGET).filter(([k]) => results[k]).map(([k, limit]) => [
          `${k}Ratio`, { limit, value: ratio(results[k].memassert.medianMs, results[k].untraced.medianMs) },
        ])),
        perStopRatio: { limit: TARGET.perStopRatio, value: perStop?.ratio ?? null },
        startupMs: { limit: TARGET.startupMs, value: ma.compiled ? startup?.medianMs ?? null : null },
        overHelloMs: { limit: TARGET.overHelloMs, value: ma.compiled ? overHello : null },
      },
    };
    writeFileSync(opts.json, JSON.stringify(doc, null, 2) + "\n");
    console.log(`\nwrote ${opts.json}`);
  }
  rmSync(env.tmp, { recursive: true, force: true });
}

main();
