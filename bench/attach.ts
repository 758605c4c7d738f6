/**
 * Benchmark: what a system call costs a process measured with `memassert run --attach`
 * (two stops per call: no seccomp filter can be added to a running process) against the same
 * process untraced and under `memassert run` (exact mode, whose filter lets getppid through).
 *
 *   bun bench/attach.ts [--runs N] [--calls N]
 *
 * Prints the median nanoseconds per call of each, and their ratios to untraced.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fmtX, loadAverage, median, ROOT } from "./lib.ts";

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const runs = arg("--runs", 5), calls = arg("--calls", 100_000);
const OUT = join(ROOT, ".cache/bench");
mkdirSync(OUT, { recursive: true });
const prog = join(OUT, "syscalls");
const built = Bun.spawnSync(["gcc", "-O2", "-o", prog, join(ROOT, "bench/progs/syscalls.c")]);
if (built.exitCode !== 0) throw new Error(`cannot compile bench/progs/syscalls.c: ${built.stderr}`);
const memassert = join(ROOT, "dist/memassert");

/** Nanoseconds per call the program reports, run as `cmd` (attached to, when `attach`). */
async function perCall(cmd: string[], attach: boolean): Promise<number> {
  const child = Bun.spawn(cmd, { stdin: "pipe", stdout: "ignore", stderr: "pipe" });
  const pid = attach ? child.pid : 0;
  const tracer = attach ? Bun.spawn([memassert, "run", "--quiet", "--attach", String(pid)], { stderr: "inherit" }) : null;
  // Attached once every thread has had its first stop, which follows the attach at once.
  while (attach && !/TracerPid:\s+[1-9]/.test(readFileSync(`/proc/${pid}/status`, "utf8"))) await Bun.sleep(10);
  if (attach) await Bun.sleep(100);
  child.stdin.write("go\n");
  await child.stdin.end();
  const text = await new Response(child.stderr).text();
  if ((await child.exited) !== 0 || (tracer !== null && (await tracer.exited) !== 0)) throw new Error(`${cmd.join(" ")} failed: ${text}`);
  // Under `memassert run` the summary follows the program's own line.
  return Number(text.trim().split("\n")[0]);
}

const tools: [string, string[], boolean][] = [
  ["untraced", [prog, String(calls)], false],
  ["memassert run (exact)", [memassert, "run", "--quiet", "--", prog, String(calls)], false],
  ["memassert run --attach", [prog, String(calls)], true],
];
console.log(`# a system call, attached\n\nload average ${loadAverage()}; ${runs} runs of ${calls} getppid calls each, interleaved; medians\n`);
const ns: Record<string, number[]> = {};
for (let i = 0; i < runs; i++) for (const [name, cmd, attach] of tools) (ns[name] ??= []).push(await perCall(cmd, attach));
const base = median(ns.untraced)!;
console.log("| | ns per call | ÷ untraced |\n|---|---:|---:|");
for (const [name] of tools) console.log(`| ${name} | ${median(ns[name])!.toFixed(0)} | ${fmtX(median(ns[name])! / base)} |`);
