/**
 * The fallback where ptrace is denied: the runtime spawns the command and
 * /proc is polled. Peaks between two polls are missed, so results say so.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { assemble } from "./assemble.ts";
import type { MeasureOptions } from "./measure.ts";
import type { MeasureResult } from "./result.ts";
import { signalNumber } from "./signals.ts";
import type { TracedProcess } from "./trace_types.ts";
import { kib } from "./procfs.ts";

/** Milliseconds between two polls of /proc. */
export const SAMPLE_INTERVAL_MS = 10;

type Options = MeasureOptions & { cwd: string; killAbove: number };

export async function sample(argv: string[], path: string, options: Options): Promise<MeasureResult> {
  const t0 = performance.now();
  const stdio = [options.stdin, options.stdout, options.stderr].map((s) => s ?? "inherit") as ("inherit" | "ignore" | number)[];
  const child = spawn(path, argv.slice(1), { argv0: argv[0], cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio });
  const rootPid = child.pid ?? 0;
  const seen = new Map<number, TracedProcess>();
  const record = (pid: number, ppid: number, argv: string[], now: number): TracedProcess => {
    const p: TracedProcess = {
      pid, ppid, images: [argv], exitCode: null, signal: null, peakRss: 0, peakPss: 0,
      anon: 0, file: 0, shmem: 0, startMs: now, endMs: now,
    };
    seen.set(pid, p);
    return p;
  };
  // The root is known from the start: a command that ends before the first poll still has its exit.
  record(rootPid, 0, argv, 0);
  let treePeakRss = 0, treePeakPss = 0, polls = 0;
  let interrupted: string | null = null;
  const stop = (reason: string) => {
    interrupted ??= reason;
    for (const pid of seen.keys()) try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
  };
  const poll = () => {
    polls++;
    const now = performance.now() - t0;
    let rss = 0, pss = 0;
    for (const pid of tree(rootPid)) {
      const rollup = read(`/proc/${pid}/smaps_rollup`);
      if (!rollup) continue;
      const p = seen.get(pid) ?? record(pid, ppidOf(pid), cmdline(pid), now);
      const r = kib(rollup, "Rss:"), s = kib(rollup, "Pss:");
      if (r > p.peakRss) {
        p.peakRss = r;
        p.anon = kib(rollup, "Anonymous:");
        p.file = Math.max(0, r - p.anon);
      }
      if (s > p.peakPss) p.peakPss = s;
      p.endMs = now;
      rss += r;
      pss += s;
    }
    treePeakRss = Math.max(treePeakRss, rss);
    treePeakPss = Math.max(treePeakPss, pss);
    if (options.killAbove > 0 && rss > options.killAbove) stop("kill-above");
  };
  poll();
  const timer = setInterval(poll, SAMPLE_INTERVAL_MS);
  const timeout = options.timeoutMs === undefined ? undefined : setTimeout(() => stop("timeout"), options.timeoutMs);
  const handlers = ["SIGINT", "SIGTERM", "SIGHUP"].map((sig) => [sig, () => stop(sig)] as const);
  if (options.handleSignals) for (const [sig, fn] of handlers) process.on(sig, fn);
  const onAbort = () => stop("aborted");
  options.signal?.addEventListener("abort", onAbort);
  try {
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (c, s) => resolve([c, s]));
    });
    const root = seen.get(rootPid)!;
    root.exitCode = code;
    root.signal = signal ? signalNumber(signal) ?? null : null;
    root.endMs = performance.now() - t0;
  } finally {
    clearInterval(timer);
    clearTimeout(timeout);
    options.signal?.removeEventListener("abort", onAbort);
    if (options.handleSignals) for (const [sig, fn] of handlers) process.off(sig, fn);
  }
  return assemble({
    argv, mode: "sample", rootPid, processes: [...seen.values()], treePeakRss, treePeakPss,
    stops: polls, wallMs: performance.now() - t0, interrupted, samples: null, marks: [],
    approximate: `sample mode: /proc was read every ${SAMPLE_INTERVAL_MS} ms, so peaks shorter than that may be missed, and processes that outlive the command are not followed`,
  });
}

function read(path: string): string | null {
  try {
    return readFileSync(path, "latin1");
  } catch {
    return null;
  }
}

function ppidOf(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  return stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : 0;
}

function cmdline(pid: number): string[] {
  return (read(`/proc/${pid}/cmdline`) ?? "").split("\0").filter((s, i, a) => i < a.length - 1 || s !== "");
}

/** The root and every process descending from it, by parent links in /proc. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (name.charCodeAt(0) > 57) continue;
    const pid = Number(name);
    const ppid = ppidOf(pid);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}
