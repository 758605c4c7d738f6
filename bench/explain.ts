/**
 * Benchmark: what `--explain` costs. Interleaved, `memassert run` without and with
 * `--explain` on `churn` (100 000 stops at the same peak: smaps read once or twice) and on
 * `grow` (512 stops, each at a new peak 1 MiB higher: the worst case, smaps read as often
 * as the margin allows); the ratios of their median wall times and of their median CPU times
 * (memassert's and the program's, user + system: steadier than wall time on a busy machine),
 * and how often smaps was read.
 *
 *   bun bench/explain.ts [--quick] [--runs N] [--only churn,grow] [--one-cpu] [--json OUT]
 *
 * `--one-cpu` runs everything under `taskset -c 0`: tracer and tracee on one CPU, where a
 * stop costs no cross-CPU wake-up and runs spread much less on a busy machine.
 *
 * It reports and never fails on a missed target.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  cellOf, check, fmtMs, fmtX, loadAverage, parseOptions, pickMedian, printMachine, ratio, ROOT, show, TIMEOUT_MS,
  type CellBase, type TracedRun,
} from "./lib.ts";

const OUT = join(ROOT, ".cache/bench");
const MEMASSERT = join(ROOT, "dist/memassert");
/** --explain may cost churn, whose peak is explained once, at most this much more CPU time (noise included). */
const TARGET = { churnRatio: 1.1 };

type Tool = "plain" | "explain";
interface Run extends TracedRun { reads?: number; cpuMs?: number }
interface Cell extends CellBase<Run> { stops: number | null; reads: number | null; cpuMs: number | null }

const PROGRAMS = ["churn", "grow"];
const defaults = { quick: false, runs: 0, json: "", only: PROGRAMS, oneCpu: false };
const opts = parseOptions(
  process.argv.slice(2), defaults, "usage: bun bench/explain.ts [--quick] [--runs N] [--only churn,grow] [--one-cpu] [--json OUT]",
  (a, value) => {
    if (a === "--one-cpu") return (defaults.oneCpu = true);
    if (a !== "--only") return false;
    defaults.only = value().split(",");
    for (const name of defaults.only) if (!PROGRAMS.includes(name)) throw new RangeError(`--only: no program "${name}"`);
    return true;
  },
);

/** Runs `cmd` (pinned with --one-cpu): wall time, and the CPU time of it and the children it waited for. */
function timed(cmd: string[]): { ms: number; cpuMs: number; code: number | null; stderr: string } {
  const t0 = performance.now();
  const r = Bun.spawnSync({ cmd: opts.oneCpu ? ["taskset", "-c", "0", ...cmd] : cmd, stdout: "ignore", stderr: "pipe", timeout: TIMEOUT_MS });
  const ms = performance.now() - t0;
  return { ms, cpuMs: Number(r.resourceUsage?.cpuTime.total ?? 0n) / 1000, code: r.exitCode, stderr: r.stderr.toString() };
}
const tmp = mkdtempSync(join(tmpdir(), "memassert-bench-"));

function compile(): void {
  mkdirSync(OUT, { recursive: true });
  for (const name of ["churn", "grow"]) {
    const r = Bun.spawnSync({ cmd: ["gcc", "-O2", "-Wall", "-o", join(OUT, name), join(ROOT, `bench/progs/${name}.c`)], stderr: "pipe" });
    if (r.exitCode !== 0) {
      console.error(`cannot compile bench/progs/${name}.c (gcc needed):\n${r.stderr}`);
      process.exit(1);
    }
  }
  if (!statSync(MEMASSERT, { throwIfNoEntry: false })) {
    console.error("dist/memassert is not built: bun build/compile.ts");
    process.exit(1);
  }
}

function runOnce(tool: Tool, cmd: string[]): Run {
  const out = join(tmp, "result.json");
  rmSync(out, { force: true });
  const r = timed([MEMASSERT, "run", "--quiet", ...(tool === "explain" ? ["--explain"] : []), "--json", out, "--", ...cmd]);
  if (r.code !== 0) return { ms: r.ms, ok: false, error: `exit ${r.code}: ${r.stderr.trim().split("\n").slice(-2).join(" | ")}` };
  const j = JSON.parse(readFileSync(out, "utf8"));
  return { ms: r.ms, cpuMs: r.cpuMs, ok: true, stops: j.stops, peak: j.tree.peakRss, reads: j.explain?.reads };
}

function measure(cmd: string[], n: number): Record<Tool, Cell> {
  const runs: Record<Tool, Run[]> = { plain: [], explain: [] };
  runOnce("plain", cmd);
  for (let i = 0; i < n; i++) for (const t of ["plain", "explain"] as Tool[]) runs[t].push(runOnce(t, cmd));
  const cell = (t: Tool) => cellOf(runs[t], (ok) => ({
    stops: pickMedian(ok, (r) => r.stops), reads: pickMedian(ok, (r) => r.reads), cpuMs: pickMedian(ok, (r) => r.cpuMs),
  }));
  return { plain: cell("plain"), explain: cell("explain") };
}

compile();
const load = loadAverage();
console.log("# memassert --explain benchmark\n");
printMachine(Bun.spawnSync({ cmd: ["uname", "-r"] }).stdout.toString().trim(), `Bun ${Bun.version}${opts.oneCpu ? ", on one CPU (taskset -c 0)" : ""}`, opts.quick, load);
const n = opts.runs || (opts.quick ? 3 : 9);
const figures: Record<string, unknown> = {};
console.log(`\nMedians of ${n} interleaved runs each: wall time, and CPU time (user + system, memassert and the program).\n`);
console.log("| program | stops | smaps reads | wall: memassert run | wall: --explain | wall ÷ | CPU: memassert run | CPU: --explain | CPU ÷ | target (CPU ÷) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
for (const name of opts.only) {
  process.stderr.write(`running ${name} (${n} runs of each)…\n`);
  const c = measure([join(OUT, name)], n);
  const r = ratio(c.explain.medianMs, c.plain.medianMs);
  const cpu = ratio(c.explain.cpuMs, c.plain.cpuMs);
  figures[name] = {
    stops: c.plain.stops, reads: c.explain.reads, plainMs: c.plain.medianMs, explainMs: c.explain.medianMs, ratio: r,
    plainCpuMs: c.plain.cpuMs, explainCpuMs: c.explain.cpuMs, cpuRatio: cpu,
  };
  const target = name === "churn" ? `≤ ${TARGET.churnRatio}×${check(cpu, TARGET.churnRatio)}` : "";
  console.log(`| ${name} | ${c.plain.stops ?? "—"} | ${c.explain.reads ?? "—"} | ${show(c.plain)} | ${show(c.explain)} | ${fmtX(r)} | ${fmtMs(c.plain.cpuMs)} | ${fmtMs(c.explain.cpuMs)} | ${fmtX(cpu)} | ${target} |`);
}
const loadAfter = loadAverage();
console.log(`\nLoad average before: ${load}; after: ${loadAfter}.`);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ load: [load, loadAfter], runs: n, oneCpu: opts.oneCpu, figures }, null, 2));
rmSync(tmp, { recursive: true, force: true });
