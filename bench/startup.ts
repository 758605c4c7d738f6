/**
 * Benchmark: the fixed cost of `memassert run -- true`, against a compiled Bun hello-world
 * measured in the same run, and where each millisecond and each MiB of it goes.
 *
 *   bun bench/startup.ts [--quick] [--runs N] [--json OUT] [--against EXE]
 *
 * Each step is a program compiled as dist/memassert is (build/compile.ts: minified, bytecode,
 * ESM, split), adding one piece to the one before: the hello-world (the runtime's start),
 * the modules of the `run` path loaded and nothing run, libc bound through FFI, the native
 * routines set up; then `dist/memassert run -- true` itself, whose own `wallMs` is the spawn
 * and the tracing. Every program runs under bench/timeit.c, which times it from fork to reap
 * and reads its peak RSS (ru_maxrss), interleaved with the others, and the medians are
 * compared. `--against EXE` adds another build of memassert (main's, say) to the same runs.
 * It needs gcc and a built dist/memassert; it reports and never fails on a target.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check, fmtMs, loadAverage, median, parseOptions, printMachine, ROOT } from "./lib.ts";

const OUT = join(ROOT, ".cache/bench/startup");
/** Goals of the README: within 1.5 ms and 6 MiB of the hello-world. */
const TARGET = { ms: 1.5, mib: 6 };

/** The run path's modules, as `memassert run` loads them (its FFI binding aside). */
const RUN_MODULES = ["runner/cli/main.ts", "runner/cli/run.ts", "runner/measure/measure.ts", "runner/trace/tracer.ts", "runner/report/summary.ts", "ffi/mod.ts"];
const imports = RUN_MODULES.map((m, i) => `import * as m${i} from "${join(ROOT, m)}";`).join("\n") +
  `\nif (process.argv.length > 99) console.log(${RUN_MODULES.map((_, i) => `m${i}`).join(", ")});\n`;

/** The probes, each adding one step to the one before; `code` is the program's source. */
const STEPS: { name: string; about: string; code: string }[] = [
  { name: "hello", about: "runtime start: a compiled Bun hello-world", code: `console.log("hello");` },
  { name: "modules", about: "module load: the run path's modules, nothing run", code: `${imports}console.log("hello");` },
  {
    name: "ffi", about: "FFI binding: libc's symbols bound (dlopen)",
    code: `${imports}import * as f from "${join(ROOT, "ffi/bun.ts")}";\nif (process.argv.length > 99) console.log(f);\nconsole.log("hello");`,
  },
  {
    name: "native", about: "native code setup: the spawn, wait and signal routines mapped and callable",
    code: `${imports}import { load } from "${join(ROOT, "ffi/bun.ts")}";\nload();\nconsole.log("hello");`,
  },
];

interface Sample { ms: number; kib: number; cpuMs: number; wallMs?: number }

function sh(cmd: string[]): { code: number; out: string; err: string } {
  const r = Bun.spawnSync({ cmd, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

async function compile(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const c = sh(["gcc", "-O2", "-Wall", "-o", join(OUT, "timeit"), join(ROOT, "bench/timeit.c")]);
  if (c.code !== 0) throw new Error(`cannot compile bench/timeit.c (is gcc installed?):\n${c.err}`);
  for (const step of STEPS) {
    const src = join(OUT, `${step.name}.ts`);
    writeFileSync(src, step.code + "\n");
    const r = await Bun.build({
      entrypoints: [src], compile: { outfile: join(OUT, step.name), autoloadDotenv: false, autoloadBunfig: false },
      target: "bun", format: "esm", minify: true, splitting: true, bytecode: true,
    });
    if (!r.success) throw new Error(`cannot build the ${step.name} probe: ${r.logs.join("\n")}`);
  }
}

/** One run of `cmd` under timeit: its time from fork to reap and its peak RSS. */
function once(cmd: string[]): Sample {
  const r = sh([join(OUT, "timeit"), ...cmd]);
  const m = /ms=([\d.]+) maxrss=(\d+) cpu=([\d.]+)\s*$/.exec(r.err);
  if (r.code !== 0 || !m) throw new Error(`${cmd.join(" ")} failed (exit ${r.code}): ${r.err.trim().split("\n").slice(-2).join(" | ")}`);
  return { ms: Number(m[1]), kib: Number(m[2]), cpuMs: Number(m[3]) };
}

function main() {
  let against = "";
  const opts = parseOptions(process.argv.slice(2), { quick: false, runs: 0, json: "" },
    "usage: bun bench/startup.ts [--quick] [--runs N] [--json OUT] [--against EXE]", (a, value) => {
      if (a !== "--against") return false;
      against = value();
      return true;
    });
  const memassert = join(ROOT, "dist/memassert");
  if (!existsSync(memassert)) {
    console.error("dist/memassert is not built (bun build/compile.ts): this bench measures the executable");
    process.exit(1);
  }
  const n = opts.runs || (opts.quick ? 9 : 41);
  const tmp = join(tmpdir(), `memassert-startup-${process.pid}.json`);
  const commands: Record<string, string[]> = {
    true: ["/bin/true"],
    ...Object.fromEntries(STEPS.map((s) => [s.name, [join(OUT, s.name)]])),
    memassert: [memassert, "run", "--quiet", "--", "/bin/true"],
    json: [memassert, "run", "--quiet", "--json", tmp, "--", "/bin/true"],
    ...(against ? { against: [against, "run", "--quiet", "--", "/bin/true"] } : {}),
  };
  const runs: Record<string, Sample[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const load = loadAverage();
  for (const cmd of Object.values(commands)) once(cmd); // warm the page cache
  for (let i = 0; i < n; i++) {
    for (const [name, cmd] of Object.entries(commands)) {
      const s = once(cmd);
      if (name === "json") s.wallMs = JSON.parse(readFileSync(tmp, "utf8")).wallMs;
      runs[name].push(s);
    }
  }
  rmSync(tmp, { force: true });
  const ms = (k: string) => median(runs[k].map((s) => s.ms))!;
  const fast = (k: string) => Math.min(...runs[k].map((s) => s.ms));
  const cpu = (k: string) => median(runs[k].map((s) => s.cpuMs))!;
  const mib = (k: string) => median(runs[k].map((s) => s.kib))! / 1024;
  const traceMs = median(runs.json.map((s) => s.wallMs!))!;

  console.log(`# memassert start-up\n`);
  printMachine(sh(["uname", "-r"]).out.trim(), `Bun ${Bun.version}`, opts.quick, load);
  console.log(`${n} interleaved runs of each; times from fork to reap (bench/timeit.c), medians; CPU is user + system time (the runtime's own threads included, so it can pass the wall time); RSS is the program's own peak (ru_maxrss).\n`);
  const rows: [string, string, string][] = [
    ["`/bin/true`", "exec and exit", "true"],
    ...STEPS.map((s) => [`+ ${s.name}`, s.about, s.name] as [string, string, string]),
    ["`memassert run -- true`", "all of it", "memassert"],
    ...(against ? [[`\`${against} run -- true\``, "the other build", "against"] as [string, string, string]] : []),
  ];
  console.log("| program | step | median | fastest | CPU | its peak RSS |\n|---|---|---:|---:|---:|---:|");
  for (const [name, about, k] of rows) console.log(`| ${name} | ${about} | ${fmtMs(ms(k))} | ${fmtMs(fast(k))} | ${fmtMs(cpu(k))} | ${mib(k).toFixed(1)} MiB |`);

  // Each step's share: the difference between a program and the one before it.
  const step = (what: string, k: string, before: string): [string, number, number, number, number] =>
    [what, ms(k) - ms(before), fast(k) - fast(before), cpu(k) - cpu(before), mib(k) - mib(before)];
  const parts: [string, number, number, number, number][] = [
    step("runtime start (hello-world − `true`)", "hello", "true"),
    step("module load (modules − hello)", "modules", "hello"),
    step("FFI binding (ffi − modules)", "ffi", "modules"),
    step("native code setup (native − ffi)", "native", "ffi"),
    ["spawn and trace (memassert's own `wallMs`)", traceMs, NaN, NaN, NaN],
    ["the rest: options, finding CMD, summary, exit (memassert − native − wallMs)", ms("memassert") - ms("native") - traceMs, NaN,
      cpu("memassert") - cpu("native"), mib("memassert") - mib("native")],
  ];
  const cell = (x: number, digits: number) => (Number.isNaN(x) ? "" : x.toFixed(digits));
  console.log("\nEach step is the difference between a program and the one before it (medians, fastest runs, CPU); the spawn and trace's CPU and RSS are in the last row.\n");
  console.log("| where it goes | ms | ms, fastest | CPU ms | MiB |\n|---|---:|---:|---:|---:|");
  for (const [what, t, f, c, r] of parts) console.log(`| ${what} | ${cell(t, 2)} | ${cell(f, 2)} | ${cell(c, 2)} | ${cell(r, 1)} |`);
  const extraMs = ms("memassert") - ms("hello"), extraMib = mib("memassert") - mib("hello");
  console.log(`\n\`memassert run -- true\` − hello-world: **${extraMs.toFixed(2)} ms** (goal ≤ ${TARGET.ms} ms)${check(extraMs, TARGET.ms)}, ` +
    `fastest runs ${(fast("memassert") - fast("hello")).toFixed(2)} ms, CPU ${(cpu("memassert") - cpu("hello")).toFixed(2)} ms; ` +
    `own peak RSS **+${extraMib.toFixed(1)} MiB** (goal ≤ ${TARGET.mib} MiB)${check(extraMib, TARGET.mib)}; load average after: ${loadAverage()}`);
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), load: { before: load, after: loadAverage() }, runs, traceMs, parts }, null, 2) + "\n");
    console.log(`\nwrote ${opts.json}`);
  }
}

await compile();
main();
