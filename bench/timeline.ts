/**
 * Benchmark: what a timeline costs. On `churn` (100 000 stops) and `forkexec` (300 processes),
 * interleaved: the C floor, `memassert run` without a timeline, and with `--timeline` (the
 * sampler thread reading every live process every 10 ms, and a row of the timeline written
 * at every stop); the cost per stop of each, start-up cost subtracted. Then the start-up of
 * `memassert run -- true` without a timeline, with one, and with `--report`, and the
 * executable's size.
 *
 *   bun bench/timeline.ts [--quick] [--runs N] [--json OUT] [--against EXE]
 *
 * `--against EXE` adds another build of memassert (say, main's), run without a timeline in
 * the same interleaving: its per-stop cost against this one's.
 *
 * It reports and never fails on a missed target.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  cellOf, check, exitZero, fmtX, loadAverage, memassertRun, parseOptions, pickMedian, printMachine, ratio, ROOT,
  show, timed as timedWith, type CellBase, type TracedRun,
} from "./lib.ts";

const OUT = join(ROOT, ".cache/bench");
const MEMASSERT = join(ROOT, "dist/memassert");
/** A timeline may cost per stop at most this much more than none (noise included). */
const TARGET = { perStopRatio: 1.1, startupMs: 20 };

type Tool = "floor" | "plain" | "timeline" | "against";
interface Cell extends CellBase<TracedRun> { stops: number | null }

const defaults = { quick: false, runs: 0, json: "", against: "" };
const opts = parseOptions(
  process.argv.slice(2), defaults, "usage: bun bench/timeline.ts [--quick] [--runs N] [--json OUT] [--against EXE]",
  (a, value) => a === "--against" && Boolean(defaults.against = value()),
);
const TOOLS: Tool[] = opts.against ? ["floor", "plain", "timeline", "against"] : ["floor", "plain", "timeline"];
const timed = (cmd: string[]) => timedWith(cmd, { stdout: "ignore" });
const tmp = mkdtempSync(join(tmpdir(), "memassert-bench-"));

function compile(): void {
  mkdirSync(OUT, { recursive: true });
  for (const [name, src] of [["floor", "bench/floor.c"], ["churn", "bench/progs/churn.c"], ["forkexec", "bench/progs/forkexec.c"]]) {
    const r = Bun.spawnSync({ cmd: ["gcc", "-O2", "-Wall", "-o", join(OUT, name), join(ROOT, src)], stderr: "pipe" });
    if (r.exitCode !== 0) {
      console.error(`cannot compile ${src} (gcc needed):\n${r.stderr}`);
      process.exit(1);
    }
  }
  if (!statSync(MEMASSERT, { throwIfNoEntry: false })) {
    console.error("dist/memassert is not built: bun build/compile.ts");
    process.exit(1);
  }
}

function runOnce(tool: Tool, cmd: string[]): TracedRun {
  if (tool === "floor") {
    const r = timed([join(OUT, "floor"), ...cmd]);
    const m = /stops=(\d+)/.exec(r.stderr);
    return r.code === 0 && m ? { ms: r.ms, ok: true, stops: Number(m[1]) } : { ...exitZero(r), ok: false };
  }
  const args = tool === "timeline" ? ["--mode", "exact", "--timeline", "--interval", "10"] : ["--mode", "exact"];
  return memassertRun(timed, [tool === "against" ? opts.against : MEMASSERT], args, cmd, tmp);
}

function measure(cmd: string[], n: number): Record<Tool, Cell> {
  const runs = { floor: [], plain: [], timeline: [], against: [] } as Record<Tool, TracedRun[]>;
  runOnce("plain", cmd);
  for (let i = 0; i < n; i++) for (const t of TOOLS) runs[t].push(runOnce(t, cmd));
  return Object.fromEntries(TOOLS.map((t) => [t, cellOf(runs[t], (ok) => ({ stops: pickMedian(ok, (r) => r.stops) }))])) as Record<Tool, Cell>;
}

/** µs per stop: (median on the program − median on `true`) / stops. */
const perStop = (prog: Cell, trivial: Cell) =>
  prog.medianMs === null || trivial.medianMs === null || !prog.stops ? null : ((prog.medianMs - trivial.medianMs) / prog.stops) * 1000;
const fmtUs = (us: number | null) => (us === null ? "—" : `${us.toFixed(1)} µs`);

compile();
const load = loadAverage();
console.log("# memassert timeline benchmark\n");
printMachine(Bun.spawnSync({ cmd: ["uname", "-r"] }).stdout.toString().trim(), `Bun ${Bun.version}`, opts.quick, load);
const n = opts.runs || (opts.quick ? 3 : 9);
const trueRuns = opts.runs || (opts.quick ? 7 : 15);
process.stderr.write(`running true (${trueRuns} runs of each)…\n`);
const trivial = measure(["/bin/true"], trueRuns);
const rows: Record<string, Record<Tool, Cell>> = {};
for (const name of ["churn", "forkexec"]) {
  process.stderr.write(`running ${name} (${n} runs of each)…\n`);
  rows[name] = measure([join(OUT, name)], n);
}

console.log("\nMedian wall time; per stop = (program − `true`) / stops, each tool's own `true` subtracted.\n");
const other = opts.against ? [" | --against", " | --against per stop", " | this ÷ --against"] : ["", "", ""];
console.log(`| program | stops | floor | memassert | memassert --timeline${other[0]} | floor per stop | memassert per stop | --timeline per stop${other[1]} | --timeline ÷ plain | plain ÷ floor${other[2]} | target |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:${opts.against ? "|---:|---:|---:" : ""}|---|`);
const figures: Record<string, unknown> = {};
for (const [name, c] of Object.entries(rows)) {
  const [f, p, t, a] = (["floor", "plain", "timeline", "against"] as Tool[]).map((tool) => (TOOLS.includes(tool) ? perStop(c[tool], trivial[tool]) : null));
  const r = ratio(t, p);
  figures[name] = { stops: c.plain.stops, floorUs: f, plainUs: p, timelineUs: t, againstUs: a, ratio: r };
  const more = (x: string) => (opts.against ? ` | ${x}` : "");
  console.log(`| ${name} | ${c.plain.stops ?? "—"} | ${show(c.floor)} | ${show(c.plain)} | ${show(c.timeline)}${more(show(c.against))} | ${fmtUs(f)} | ${fmtUs(p)} | ${fmtUs(t)}${more(fmtUs(a))} | ${fmtX(r)} | ${fmtX(ratio(p, f))}${more(fmtX(ratio(p, a)))} | ≤ ${TARGET.perStopRatio}×${check(r, TARGET.perStopRatio)} |`);
}
console.log(`| true | | ${show(trivial.floor)} | ${show(trivial.plain)} | ${show(trivial.timeline)}${opts.against ? ` | ${show(trivial.against)}` : ""} | | | |${opts.against ? " |" : ""} | |${opts.against ? " |" : ""} |`);

// Start-up as a person or CI sees it: the bare command, then with the timeline and with a report.
process.stderr.write(`running start-up (${trueRuns} runs of each)…\n`);
const html = join(tmp, "r.html");
const startup = {
  plain: [] as TracedRun[], timeline: [] as TracedRun[], report: [] as TracedRun[],
};
for (let i = 0; i < trueRuns; i++) {
  startup.plain.push(exitZero(timed([MEMASSERT, "run", "--", "true"])));
  startup.timeline.push(exitZero(timed([MEMASSERT, "run", "--timeline", "--", "true"])));
  startup.report.push(exitZero(timed([MEMASSERT, "run", "--report", html, "--", "true"])));
}
const cells = Object.fromEntries(Object.entries(startup).map(([k, runs]) => [k, cellOf(runs, () => ({}))]));
const size = statSync(MEMASSERT).size;
console.log(`\n\`memassert run -- true\`: ${show(cells.plain)} (target ≤ ${TARGET.startupMs} ms${check(cells.plain.medianMs, TARGET.startupMs)}); ` +
  `with --timeline: ${show(cells.timeline)}; with --report FILE.html: ${show(cells.report)}. dist/memassert: ${(size / 2 ** 20).toFixed(1)} MiB.`);
const loadAfter = loadAverage();
console.log(`\nLoad average before: ${load}; after: ${loadAfter}.`);
if (opts.json) {
  writeFileSync(opts.json, JSON.stringify({ load: [load, loadAfter], perStop: figures, startupMs: Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.medianMs])), size }, null, 2));
}
rmSync(tmp, { recursive: true, force: true });
