/**
 * Benchmark: how noisy the examples' figures are, and what the baseline gate catches.
 *
 *  1. a fresh baseline of examples/ (`memassert test -u`), then N unchanged runs against
 *     it (default 20): every case that the gate calls a regression is a false failure;
 *     the spread of each case's peak and growth around its baseline is printed;
 *  2. for each passing case, a regression planted in a copy of its file (the case keeps
 *     X % of its baseline peak more, touched) at growing X, M runs each (default 10),
 *     until every run catches it: the smallest regression caught reliably.
 *
 *   bun bench/gate_noise.ts [--runtime binary|deno|both] [--runs N] [--regress-runs M] [--sizes 1,2,5,10] [--default-tolerances] [--json OUT]
 *
 * --default-tolerances drops the examples' own `tolerance` settings from the copies, to see
 * what memassert's defaults alone give.
 * The examples are copied to .cache/gate-noise/ (inside the project, so that Deno finds
 * "memassert" there too). It reports and never fails on a finding.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUN, loadAverage, median, parseOptions, printMachine, ROOT, timed } from "./lib.ts";
import { DENO, version } from "./test_runner/setup.ts";

type Runtime = "binary" | "deno";
const defaults = { quick: false, runs: 20, json: "", runtime: "both" as Runtime | "both", regressRuns: 10, sizes: [1, 2, 3, 5, 7, 10], defaultTolerances: false };
const opts = parseOptions(process.argv.slice(2), defaults, "bun bench/gate_noise.ts [--runtime binary|deno|both] [--runs N] [--regress-runs M] [--sizes 1,2,5,10] [--json OUT]", (a, value) => {
  if (a === "--runtime") defaults.runtime = value() as Runtime | "both";
  else if (a === "--regress-runs") defaults.regressRuns = Number(value());
  else if (a === "--sizes") defaults.sizes = value().split(",").map(Number);
  else if (a === "--default-tolerances") defaults.defaultTolerances = true;
  else return false;
  return true;
});

const WORK = join(ROOT, ".cache/gate-noise");
const DIR = join(WORK, "examples");
const BASELINE = join(WORK, "baseline.json");
const MiB = 2 ** 20;
const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;

function memassert(runtime: Runtime): string[] {
  return runtime === "binary" ? [join(ROOT, "dist/memassert")] : [DENO, "run", "-A", "--v8-flags=--expose-gc", join(ROOT, "runner/bin.ts")];
}

interface Gate { verdict: string; confirmRuns: number; metrics: { metric: string; baseline: number; now: number; change: number }[] }
interface Result { file: string; name: string; status: string; peak: number | null; growth: number | null; gate?: Gate }

/** `memassert test ARGS --reporter json` in the project root; its results. */
function test(runtime: Runtime, args: string[]): Result[] {
  const r = timed([...memassert(runtime), "test", ...args, "-j", "2", "--reporter", "json"], { cwd: ROOT, stdout: "pipe" });
  if (r.code !== 0 && r.code !== 1) throw new Error(`memassert test ${args.join(" ")}: exit ${r.code}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout).results as Result[];
}

function fresh(): void {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(join(ROOT, "examples"), DIR, { recursive: true });
  if (!opts.defaultTolerances) return;
  for (const name of ["parse.mem.ts", "index.mem.ts", "command.mem.ts"]) {
    const file = join(DIR, name);
    writeFileSync(file, readFileSync(file, "utf8").replace(/,? ?tolerance: \{[^}]*\}/g, ""));
  }
}

/** The case's file with X bytes more kept, touched, from the start of case `name`'s body. */
function plant(file: string, name: string, bytes: number): string {
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(`test(${JSON.stringify(name)}`);
  const body = text.indexOf("=> {", at) + 4;
  if (at < 0 || body < 4) throw new Error(`cannot find case ${name} in ${file}`);
  const line = ` (globalThis as { planted?: Uint8Array }).planted = new Uint8Array(${bytes}).fill(1);`;
  return text.slice(0, body) + line + text.slice(body);
}

function section(runtime: Runtime): Record<string, unknown> {
  console.log(`\n## ${runtime === "binary" ? "dist/memassert" : "deno run -A --v8-flags=--expose-gc runner/bin.ts"}${opts.defaultTolerances ? ", default tolerances" : ""}\n`);
  fresh();
  const t0 = performance.now();
  const made = test(runtime, [DIR, "-u", "--baseline", BASELINE]);
  const baseline = JSON.parse(readFileSync(BASELINE, "utf8")).cases as Record<string, { peak: number; growth: number }>;
  console.log(`baseline: ${made.length} cases, -u in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const spread = new Map<string, { peak: number[]; growth: number[] }>();
  let falseFailures = 0, confirmed = 0;
  const failedRuns: string[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const results = test(runtime, [DIR, "--baseline", BASELINE]);
    for (const r of results) {
      const g = r.gate;
      if (!g) continue;
      const s = spread.get(r.name) ?? { peak: [], growth: [] };
      for (const m of g.metrics) (s as Record<string, number[]>)[m.metric]?.push(m.change / m.baseline);
      spread.set(r.name, s);
      if (g.confirmRuns > 0) confirmed++;
      if (g.verdict === "regressed") {
        falseFailures++;
        failedRuns.push(`run ${i + 1}: ${r.name}`);
      }
    }
    Bun.write(Bun.stdout, `\r${i + 1}/${opts.runs} unchanged runs, ${falseFailures} false failures`);
  }
  console.log(`\n\n| case | peak: min / median / max change | growth: min / median / max change |\n|---|---|---|`);
  const rows: Record<string, unknown> = {};
  for (const [name, s] of spread) {
    const f = (xs: number[]) => xs.length ? `${pct(Math.min(...xs))} / ${pct(median(xs)!)} / ${pct(Math.max(...xs))}` : "—";
    console.log(`| ${name} | ${f(s.peak)} | ${f(s.growth)} |`);
    rows[name] = s;
  }
  console.log(`\nfalse failures: ${falseFailures} in ${opts.runs} runs${failedRuns.length ? ` (${failedRuns.join("; ")})` : ""}; re-runs to confirm a regression: ${confirmed}`);

  console.log(`\n| case | baseline peak | planted (% of peak) | caught |\n|---|---:|---|---|`);
  const caught: Record<string, unknown> = {};
  for (const r of made.filter((x) => x.status === "passed")) {
    const id = Object.keys(baseline).find((k) => k.endsWith(` › ${r.name}`))!;
    const peak = baseline[id].peak;
    const file = r.file;
    const original = readFileSync(file, "utf8");
    const per: Record<number, number> = {};
    let smallest: number | null = null;
    for (const size of opts.sizes) {
      writeFileSync(file, plant(file, r.name, Math.round((peak * size) / 100)));
      let n = 0;
      for (let i = 0; i < opts.regressRuns; i++) {
        const again = test(runtime, [file, "-t", `^${r.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "--baseline", BASELINE]);
        if (again[0]?.gate?.verdict === "regressed") n++;
      }
      writeFileSync(file, original);
      per[size] = n;
      if (n === opts.regressRuns && smallest === null) smallest = size;
      if (n < opts.regressRuns) smallest = null; // reliably means at every larger size too
    }
    const shown = opts.sizes.map((s) => `${s} %: ${per[s]}/${opts.regressRuns}`).join(", ");
    console.log(`| ${r.name} | ${(peak / MiB).toFixed(1)} MiB | ${shown} | from ${smallest ?? "—"} % |`);
    caught[r.name] = { peak, per, smallest };
  }
  return { runtime, runs: opts.runs, falseFailures, failedRuns, confirmed, spread: rows, caught };
}

const runtimes: Runtime[] = opts.runtime === "both" ? ["binary", "deno"] : [opts.runtime as Runtime];
const load = loadAverage();
console.log("# the baseline gate on examples/\n");
printMachine(version(["uname", "-r"]), `Bun ${version([BUN, "--version"])}, ${version([DENO, "--version"])}`, false, load);
const doc = { date: new Date().toISOString(), load, sections: runtimes.map(section) };
rmSync(WORK, { recursive: true, force: true });
console.log(`\nload average after: ${loadAverage()}`);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(doc, null, 2)}\n`);
