/**
 * Benchmark: what each tracer does for each new process it follows. `forkexec` (300 × fork +
 * exec /bin/true + wait) runs under bench/floor.c and under `memassert run`, each under
 * strace, which follows the tracer's own thread only (both trace on their main thread): the
 * system calls it makes, and the /proc files it opens and reads, per process of the tree.
 * These are counts, not times, so a busy machine does not change them.
 *
 *   bun bench/syscalls.ts [--json OUT]
 *
 * Needs gcc and strace (apt-get install -y strace), and a built dist/memassert.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseOptions, ROOT } from "./lib.ts";

const OUT = join(ROOT, ".cache/bench/syscalls");
/** forkexec starts 300 children; the root is one more process. */
const PROCESSES = 301;

function sh(cmd: string[]): { code: number; out: string; err: string } {
  const r = Bun.spawnSync({ cmd, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

/** Calls by system call name, from `strace -c`'s table. */
function callCounts(tracer: string[]): Record<string, number> {
  const file = join(OUT, "summary.txt");
  const r = sh(["strace", "-c", "-o", file, ...tracer, join(OUT, "forkexec")]);
  if (r.code !== 0) throw new Error(`${tracer.join(" ")} under strace failed: ${r.err.trim().split("\n").slice(-2).join(" | ")}`);
  const counts: Record<string, number> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    // "% time seconds usecs/call calls errors syscall": calls is the 4th column, the name the last.
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || !/^\d+$/.test(cols[3]) || cols[cols.length - 1] === "total") continue;
    counts[cols[cols.length - 1]] = Number(cols[3]);
  }
  return counts;
}

/** Opens and reads of /proc files, by file name (statm, smaps_rollup, …), from `strace -y`. */
function procAccess(tracer: string[]): { opens: Record<string, number>; reads: Record<string, number> } {
  const file = join(OUT, "trace.txt");
  sh(["strace", "-y", "-e", "trace=openat,open,pread64,read", "-o", file, ...tracer, join(OUT, "forkexec")]);
  const opens: Record<string, number> = {}, reads: Record<string, number> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const open = /^open(?:at)?\([^"]*"\/proc\/\d+\/(?:task\/\d+\/)?([a-z_]+)"/.exec(line);
    if (open) opens[open[1]] = (opens[open[1]] ?? 0) + 1;
    const read = /^p?read(?:64)?\(\d+<\/proc\/\d+\/(?:task\/\d+\/)?([a-z_]+)>/.exec(line);
    if (read) reads[read[1]] = (reads[read[1]] ?? 0) + 1;
  }
  return { opens, reads };
}

function main() {
  const opts = parseOptions(process.argv.slice(2), { quick: false, runs: 0, json: "" }, "usage: bun bench/syscalls.ts [--json OUT]", () => false);
  if (sh(["sh", "-c", "command -v strace"]).code !== 0) {
    console.error("strace not found (apt-get install -y strace)");
    process.exit(1);
  }
  const memassert = join(ROOT, "dist/memassert");
  if (!existsSync(memassert)) {
    console.error("dist/memassert is not built (bun build/compile.ts)");
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  for (const [name, src] of [["floor", "bench/floor.c"], ["forkexec", "bench/progs/forkexec.c"]]) {
    const r = sh(["gcc", "-O2", "-Wall", "-o", join(OUT, name), join(ROOT, src)]);
    if (r.code !== 0) throw new Error(`cannot compile ${src}:\n${r.err}`);
  }
  const tracers: Record<string, string[]> = { floor: [join(OUT, "floor")], memassert: [memassert, "run", "--quiet", "--"] };
  const calls: Record<string, Record<string, number>> = {}, proc: Record<string, ReturnType<typeof procAccess>> = {};
  for (const [name, cmd] of Object.entries(tracers)) {
    calls[name] = callCounts(cmd);
    proc[name] = procAccess(cmd);
  }
  const per = (n: number | undefined) => ((n ?? 0) / PROCESSES).toFixed(1);
  const main = ["wait4", "ptrace", "openat", "pread64", "read", "close", "futex"];
  const rest = (c: Record<string, number>) => Object.entries(c).filter(([k]) => !main.includes(k)).reduce((s, [, v]) => s + v, 0);
  const all = (c: Record<string, number>) => Object.values(c).reduce((s, v) => s + v, 0);
  console.log(`# What a tracer does per process it follows\n`);
  console.log(`\`forkexec\` (${PROCESSES} processes) under each tracer, its tracing thread followed by strace; counts divided by ${PROCESSES}. memassert's start-up (loading itself, ~20 files) is in its counts too, ~0.1 a process.\n`);
  console.log("| per process | floor | memassert |\n|---|---:|---:|");
  for (const k of main) console.log(`| \`${k}\` | ${per(calls.floor[k])} | ${per(calls.memassert[k])} |`);
  console.log(`| other system calls | ${per(rest(calls.floor))} | ${per(rest(calls.memassert))} |`);
  console.log(`| **all system calls** | **${per(all(calls.floor))}** | **${per(all(calls.memassert))}** |`);
  const files = [...new Set([...Object.keys(proc.floor.opens), ...Object.keys(proc.memassert.opens), ...Object.keys(proc.memassert.reads)])].sort();
  // /proc/self files of memassert's start-up (its runtime reads a few) round to nothing per process.
  for (const f of files.filter((f) => (proc.floor.opens[f] ?? 0) + (proc.memassert.opens[f] ?? 0) >= PROCESSES / 10)) {
    console.log(`| /proc/PID/${f}: opened, read | ${per(proc.floor.opens[f])}, ${per(proc.floor.reads[f])} | ${per(proc.memassert.opens[f])}, ${per(proc.memassert.reads[f])} |`);
  }
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), processes: PROCESSES, calls, proc }, null, 2) + "\n");
    console.log(`\nwrote ${opts.json}`);
  }
}

main();
