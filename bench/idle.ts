/**
 * Benchmark: the cost of a stop when many processes are alive and idle. `idlechurn` churns
 * 20 000 munmaps while 0, 300 or 1 000 children sleep; memassert (which reads only the
 * stopped process while page-fault counts show nothing else faulted) against the C floor
 * that reads every live process at each stop (`floor --tree`), as memassert did before.
 *
 *   bun bench/idle.ts [--runs N] [--against BIN]
 *
 * `--against BIN` adds a column for another build of memassert (an earlier one, which read
 * every live process at every stop).
 * Prints the median wall time of each and the ratio of 1 000 idle children to none.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fmtMs, fmtX, loadAverage, median, ROOT, timed } from "./lib.ts";

const OUT = join(ROOT, ".cache/bench");
const runs = process.argv.includes("--runs") ? Number(process.argv[process.argv.indexOf("--runs") + 1]) : 3;
mkdirSync(OUT, { recursive: true });
for (const [name, src] of [["floor", "bench/floor.c"], ["idlechurn", "bench/progs/idlechurn.c"]]) {
  const r = Bun.spawnSync(["gcc", "-O2", "-o", join(OUT, name), join(ROOT, src)]);
  if (r.exitCode !== 0) throw new Error(`cannot compile ${src}: ${r.stderr}`);
}
const prog = join(OUT, "idlechurn");
const against = process.argv.includes("--against") ? process.argv[process.argv.indexOf("--against") + 1] : null;
const tools: Record<string, (idle: number) => string[]> = {
  untraced: (n) => [prog, String(n)],
  "floor --tree": (n) => [join(OUT, "floor"), "--tree", prog, String(n)],
  memassert: (n) => [join(ROOT, "dist/memassert"), "run", "--quiet", "--", prog, String(n)],
  ...(against ? { [`memassert (${against})`]: (n: number) => [against, "run", "--quiet", "--", prog, String(n)] } : {}),
};
console.log(`# idle processes\n\nload average ${loadAverage()}; ${runs} runs each, interleaved; medians\n`);
const ms: Record<string, Record<number, number>> = {};
const idles = [0, 300, 1000];
for (const idle of idles) {
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const [tool, cmd] of Object.entries(tools)) {
      const r = timed(cmd(idle), { stdout: "ignore" });
      if (r.code !== 0) throw new Error(`${tool} with ${idle} idle: exit ${r.code}: ${r.stderr}`);
      (samples[tool] ??= []).push(r.ms);
    }
  }
  for (const [tool, xs] of Object.entries(samples)) (ms[tool] ??= {})[idle] = median(xs)!;
}
console.log(`| tool | ${idles.map((n) => `${n} idle`).join(" | ")} | 1000 idle ÷ none |`);
console.log(`|---|${idles.map(() => "---:").join("|")}|---:|`);
for (const [tool, byIdle] of Object.entries(ms)) {
  console.log(`| ${tool} | ${idles.map((n) => fmtMs(byIdle[n])).join(" | ")} | ${fmtX(byIdle[1000] / byIdle[0])} |`);
}
