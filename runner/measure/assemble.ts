/** Turns what the tracer or sampler saw into the published MeasureResult shape. */
import type { MeasureResult, Mode, ProcessResult } from "./result.ts";
import { signalName } from "./signals.ts";
import type { KernelInfo, TraceData } from "../trace/types.ts";
import type { TimelineRows } from "../trace/timeline.ts";
import { buildTimeline } from "./timeline.ts";
import { sumUsage } from "../trace/usage.ts";

/** What the tracer (or the sampler) saw, and what the caller knows of the run. */
export interface RawRun extends Omit<TraceData, "cancelled"> {
  argv: string[];
  mode: Mode;
  interrupted: string | null;
  approximate: string | null;
  /** What the sampler thread read, timed in epoch ms, and its interval; null: no sampler. */
  sampled?: { rows: TimelineRows | null; intervalMs: number; maxRows: number } | null;
}

export const FAST_NOTE = "fast mode: peaks are the kernel's VmHWM read at exit and before exec, which can under-count memory freed before then: by up to ~0.5 MiB on Linux 6.2 and later, and before 6.2, where each thread keeps up to 64 page faults' worth of RSS out of VmHWM, a small process can read as 4 KiB and each thread hide up to 4 MiB; the tree peak only sums RSS at those stops";

/** The `approximate` text of a fast-mode run on `kernel`. */
export function fastNote(kernel: KernelInfo): string {
  return kernel.rss === "lagging" ? `${FAST_NOTE}. This kernel (${kernel.release}) counts RSS as kernels before 6.2 do` : FAST_NOTE;
}

export function assemble(run: RawRun): MeasureResult {
  const processes: ProcessResult[] = run.processes.map((p) => ({
    pid: p.pid,
    ppid: p.ppid,
    argv: p.images[p.images.length - 1] ?? [],
    images: p.images,
    exitCode: p.exitCode,
    signal: p.signal === null ? null : signalName(p.signal) ?? `signal ${p.signal}`,
    peakRss: p.peakRss,
    peakPss: p.peakPss,
    atPeak: { anon: p.anon, file: p.file, shmem: p.shmem },
    startMs: round(p.startMs),
    endMs: round(p.endMs),
    usage: p.usage ?? null,
  }));
  const root = processes.find((p) => p.pid === run.rootPid);
  const result: MeasureResult = {
    version: 1,
    argv: run.argv,
    exitCode: root?.exitCode ?? null,
    signal: root?.signal ?? null,
    wallMs: round(run.wallMs),
    mode: run.mode,
    approximate: run.approximate,
    interrupted: run.interrupted,
    root: { pid: run.rootPid, peakRss: root?.peakRss ?? 0, peakPss: root?.peakPss ?? 0 },
    tree: {
      peakRss: Math.max(run.treePeakRss, root?.peakRss ?? 0),
      peakPss: Math.max(run.treePeakPss, root?.peakPss ?? 0),
      processes: processes.length,
      usage: sumUsage(processes.map((p) => p.usage)),
    },
    processes,
    stops: run.stops,
    kernel: run.kernel,
  };
  if (run.timeline || run.sampled) result.timeline = timelineOf(run, result);
  if (run.marks.length > 0) result.marks = run.marks;
  if (run.warnings.length > 0) result.warnings = run.warnings;
  if (run.explanation) result.explain = run.explanation;
  return result;
}

/** The tracer's readings and the sampler's, on the tracer's clock. */
function timelineOf(run: RawRun, result: MeasureResult) {
  const sets: TimelineRows[] = [];
  if (run.timeline) sets.push(run.timeline.rows);
  const epoch = run.timeline?.epochMs ?? 0;
  const sampled = run.sampled?.rows;
  if (sampled) sets.push({ ...sampled, ms: sampled.ms.map((ms) => ms - epoch) });
  const exact = run.mode === "exact";
  return buildTimeline({
    sets,
    intervalMs: run.sampled?.intervalMs ?? 0,
    maxRows: run.sampled?.maxRows ?? run.timeline?.rows.ms.length ?? 0,
    peakMs: exact ? run.timeline?.peakMs ?? null : null,
    marksMs: run.marks.map((m) => m.ms),
    caps: exact ? { tree: result.tree.peakRss, byPid: new Map(result.processes.map((p) => [p.pid, p.peakRss])) } : null,
  });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
