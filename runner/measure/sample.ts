/**
 * The fallback where ptrace is denied: the runtime spawns the command and
 * /proc is polled. Peaks between two polls are missed, so results say so.
 */
import { detectKernelLoading } from "../trace/kernel.ts";
import { cmdlineOf, kib, liveRssOf, parentOf, rollupOf, TreeWatch } from "../trace/procfs.ts";
import type { TracedProcess } from "../trace/types.ts";
import { assemble } from "./assemble.ts";
import { startChild } from "./child.ts";
import type { MeasureOptions } from "./options.ts";
import type { MeasureResult } from "./result.ts";
import { signalNumber } from "./signals.ts";
import { MAX_ROWS, TimelineRecorder } from "../trace/timeline.ts";

type Options = MeasureOptions & { cwd: string; killAbove: number; intervalMs: number };

export async function sample(argv: string[], path: string, options: Options): Promise<MeasureResult> {
  // Where statm can be off (runner/trace/kernel.ts), each poll reads smaps_rollup instead.
  const kernel = await detectKernelLoading();
  const rssNow = kernel.rss === "exact" ? liveRssOf : (pid: number) => {
    const rollup = rollupOf(pid);
    return rollup ? kib(rollup, "Rss:") : liveRssOf(pid);
  };
  const t0 = performance.now();
  const seen = new Map<number, TracedProcess>();
  const killAll = () => {
    for (const pid of seen.keys()) try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
  };
  const child = startChild(argv, path, { ...options, env: options.env ?? process.env }, killAll);
  const rootPid = child.pid;
  const record = (pid: number, ppid: number, argv: string[], now: number): TracedProcess => {
    const p: TracedProcess = {
      pid, ppid, images: [argv], exitCode: null, signal: null, peakRss: 0, peakPss: 0,
      anon: 0, file: 0, shmem: 0, startMs: now, endMs: now, usage: null,
    };
    seen.set(pid, p);
    return p;
  };
  // The root is known from the start: a command that ends before the first poll still has its exit.
  record(rootPid, 0, argv, 0);
  let treePeakRss = 0, treePeakPss = 0, polls = 0;
  const tree = new TreeWatch();
  const rows = options.timeline ? new TimelineRecorder(MAX_ROWS) : null;
  // Each poll reads statm; smaps_rollup (a page-table walk, for PSS and the RSS split) only
  // where a process, or the tree, reached a new peak.
  const poll = () => {
    polls++;
    const now = performance.now() - t0;
    let rss = 0;
    const live: TracedProcess[] = [], reads: number[] = [];
    for (const pid of tree.descendants(rootPid)) {
      const r = rssNow(pid);
      if (r === 0) continue;
      const p = seen.get(pid) ?? record(pid, parentOf(pid), cmdlineOf(pid), now);
      if (r > p.peakRss) {
        p.peakRss = r;
        const rollup = rollupOf(pid);
        if (rollup) {
          p.anon = kib(rollup, "Anonymous:");
          p.file = Math.max(0, r - p.anon);
          p.peakPss = Math.max(p.peakPss, kib(rollup, "Pss:"));
        }
      }
      p.endMs = now;
      rss += r;
      live.push(p);
      reads.push(r);
    }
    if (rows !== null && live.length > 0) {
      rows.begin(now);
      live.forEach((p, i) => rows.value(p.pid, reads[i]));
      rows.end(rss);
    }
    if (rss > treePeakRss) {
      treePeakRss = rss;
      const pss = live.reduce((sum, p) => sum + kib(rollupOf(p.pid) ?? "", "Pss:"), 0);
      treePeakPss = Math.max(treePeakPss, pss);
    }
    if (options.killAbove > 0 && rss > options.killAbove) child.stop("kill-above");
  };
  // No reading as it starts: until it has exec'd, the child is still the runtime's spawn.
  const timer = setInterval(poll, options.intervalMs);
  try {
    const { code, signal } = await child.ended;
    const root = seen.get(rootPid)!;
    root.exitCode = code;
    root.signal = signal ? signalNumber(signal) ?? null : null;
    root.endMs = performance.now() - t0;
  } finally {
    clearInterval(timer);
  }
  return assemble({
    argv, mode: "sample", rootPid, processes: [...seen.values()], treePeakRss, treePeakPss,
    stops: polls, wallMs: performance.now() - t0, interrupted: child.interrupted(), timeline: null, marks: [], warnings: [], kernel,
    sampled: rows === null ? null : { rows: rows.rows(), intervalMs: options.intervalMs, maxRows: MAX_ROWS },
    approximate: seen.get(rootPid)!.peakRss === 0
      ? `sample mode: the command ended before /proc could be read (it is read every ${options.intervalMs} ms): nothing was measured`
      : `sample mode: /proc was read every ${options.intervalMs} ms, so peaks shorter than that may be missed, and processes that outlive the command are not followed`,
  });
}
