/**
 * Benchmark: what a memory case costs in each plugin, against the same case run by
 * `memassert test`. The same trivial case (fill 1 MiB) is declared N times in a file for each
 * runner; a runner's cost per case is the slope (time of N cases − time of 1) / (N − 1), which
 * leaves its start-up out. Runs are interleaved; medians. Also: the RSS of a case's process
 * when its case starts (its baseline), from the results each runner writes.
 *
 *   bun bench/plugins.ts [--quick] [--runs N] [--json OUT]
 *
 * Needs dist/memassert (bun build/compile.ts) and Node for uvu under Node.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { BUN, fmtMs, fmtX, loadAverage, median, parseOptions, printMachine, ratio, ROOT, timed } from "./lib.ts";

const DENO = join(ROOT, "node_modules/.bin/deno");
const DIST = join(ROOT, "dist/memassert");
const opts = parseOptions(process.argv.slice(2), { quick: false, runs: 0, json: "" }, "bun bench/plugins.ts [--quick] [--runs N] [--json OUT]", () => false);
const N = opts.quick ? 6 : 11;
const RUNS = opts.runs || (opts.quick ? 3 : 5);
if (!existsSync(DIST)) {
  console.error(`${DIST} is not built: node_modules/.bin/bun build/compile.ts`);
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), "memassert-bench-plugins-"));
const FILL = "new Uint8Array(2 ** 20).fill(1)";

/** A runner: how to write a file of `n` cases, and the command that runs it. */
interface Runner { name: string; dir: string; write(n: number): void; cmd: string[]; env?: Record<string, string> }

function uvuProject(dir: string): void {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules/uvu"), join(dir, "node_modules/uvu"));
  const r = Bun.spawnSync([BUN, join(ROOT, "build/package.ts"), join(dir, "node_modules/memassert")]);
  if (r.exitCode !== 0) throw new Error(`cannot build the package: ${r.stderr}`);
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
}

const dirs = { mem: join(tmp, "mem"), bun: join(tmp, "bun"), deno: join(tmp, "deno"), uvu: join(tmp, "uvu") };
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
uvuProject(dirs.uvu);
mkdirSync(join(dirs.uvu, "tests"));
const loop = (n: number, body: string) => `for (let i = 0; i < ${n}; i++) ${body}\n`;
const runners: Runner[] = [
  {
    name: "memassert test", dir: dirs.mem, cmd: [DIST, "test", "cases.mem.ts", "-j", "1", "--reporter", "json", "--outfile", "report.json"],
    write: (n) => writeFileSync(join(dirs.mem, "cases.mem.ts"), `import { test } from "memassert";\n${loop(n, `test(\`case \${i}\`, () => { ${FILL}; });`)}`),
  },
  {
    name: "bun test (memassert/bun)", dir: dirs.bun, cmd: [BUN, "test", "./cases.test.ts"],
    write: (n) => writeFileSync(join(dirs.bun, "cases.test.ts"), `import { memtest } from "${ROOT}/plugins/bun/mod.ts";\n${loop(n, `memtest(\`case \${i}\`, () => { ${FILL}; });`)}`),
  },
  {
    name: "deno test (memassert/deno)", dir: dirs.deno, cmd: [DENO, "test", "--allow-run", "cases_test.ts"],
    write: (n) => writeFileSync(join(dirs.deno, "cases_test.ts"), `import { memtest } from "${ROOT}/plugins/deno/mod.ts";\n${loop(n, `memtest(\`case \${i}\`, () => { ${FILL}; });`)}`),
  },
  ...(["node", "bun"] as const).map((rt): Runner => ({
    name: `uvu under ${rt === "node" ? "Node" : "Bun"} (memassert/uvu)`, dir: dirs.uvu, env: { MEMASSERT_BIN: DIST },
    cmd: [rt === "node" ? "node" : BUN, "node_modules/uvu/bin.js", "tests"],
    write: (n) => writeFileSync(join(dirs.uvu, "tests", "cases.test.js"), `import { test } from "uvu";\nimport { memtest } from "memassert/uvu";\n${loop(n, `memtest(\`case \${i}\`, () => { ${FILL}; });`)}test.run();\n`),
  })),
];

/** Median wall time of `r` on `n` cases, and the median baseline of its cases' processes. */
const samples = new Map<string, number[]>();
const baselines = new Map<string, number[]>();
function once(r: Runner, n: number): void {
  r.write(n);
  const report = join(tmp, "results.jsonl");
  rmSync(report, { force: true });
  const t = timed(r.cmd, { cwd: r.dir, env: { ...process.env, NO_COLOR: "1", MEMASSERT_REPORT: report, ...r.env }, stdin: "ignore", stdout: "ignore" });
  if (t.code !== 0) throw new Error(`${r.name} failed (exit ${t.code}): ${t.stderr.slice(-500)}`);
  const key = `${r.name}/${n}`;
  samples.set(key, [...(samples.get(key) ?? []), t.ms]);
  const results = r.name === "memassert test"
    ? JSON.parse(readFileSync(join(r.dir, "report.json"), "utf8")).results
    : readFileSync(report, "utf8").trim().split("\n").map((l) => JSON.parse(l).results[0]);
  baselines.set(r.name, [...(baselines.get(r.name) ?? []), ...results.map((c: { baseline: number }) => c.baseline)]);
}

console.log("# memassert plugins benchmark\n");
printMachine(Bun.spawnSync(["uname", "-r"]).stdout.toString().trim(), `Bun ${Bun.version}, Node ${Bun.spawnSync(["node", "--version"]).stdout.toString().trim()}`, opts.quick, loadAverage());
console.log(`Each runner on a file of 1 and of ${N} cases that fill 1 MiB, ${RUNS} interleaved runs of each; per case = (time of ${N} − time of 1) / ${N - 1}.\n`);
for (const r of runners) once(r, 1); // warm caches (Deno's, the package's)
samples.clear();
baselines.clear();
for (let i = 0; i < RUNS; i++) for (const r of runners) for (const n of [1, N]) once(r, n);

const perCase = new Map(runners.map((r) => {
  const a = median(samples.get(`${r.name}/1`)!), b = median(samples.get(`${r.name}/${N}`)!);
  return [r.name, a === null || b === null ? null : (b - a) / (N - 1)];
}));
const base = perCase.get("memassert test")!;
const MiB = 2 ** 20;
console.log("| runner | 1 case | " + N + " cases | per case | ÷ memassert test | case process RSS at start |");
console.log("|---|---:|---:|---:|---:|---:|");
const doc: Record<string, unknown> = { date: new Date().toISOString(), cpus: cpus().length, n: N, runs: RUNS, runners: {} };
for (const r of runners) {
  const one = median(samples.get(`${r.name}/1`)!), many = median(samples.get(`${r.name}/${N}`)!);
  const per = perCase.get(r.name)!;
  const rss = median(baselines.get(r.name) ?? []);
  console.log(`| ${r.name} | ${fmtMs(one)} | ${fmtMs(many)} | ${fmtMs(per)} | ${r.name === "memassert test" ? "1" : fmtX(ratio(per, base))} | ${rss === null ? "—" : `${(rss / MiB).toFixed(1)} MiB`} |`);
  (doc.runners as Record<string, unknown>)[r.name] = { oneMs: one, manyMs: many, perCaseMs: per, ratio: ratio(per, base), baselineRss: rss };
}
console.log(`\nload average after: ${loadAverage()}`);
if (opts.json) writeFileSync(opts.json, JSON.stringify(doc, null, 2) + "\n");
rmSync(tmp, { recursive: true, force: true });

