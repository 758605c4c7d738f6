/** The plain data that crosses between the tracer thread and the main thread. */
import type { SpawnSpec } from "../../ffi/mod.ts";
import type { TimelineRows } from "./timeline.ts";
import type { Mapping, MappingRest } from "./smaps.ts";

/** How the tracer finds peaks: stops before every RSS-lowering call, or VmHWM at exits. */
export type TraceMode = "exact" | "fast";

/**
 * How /proc/PID/statm's RSS relates to the pages really mapped (runner/trace/kernel.ts):
 * "exact"; "lagging", low by what threads cache (before 6.2); "approximate", off either
 * way by per-CPU batches (6.2–6.15 without the fix).
 */
export type RssCounting = "exact" | "lagging" | "approximate";

/** The variable that tells memassert how far to trust statm, whatever the kernel (runner/trace/kernel.ts). */
export const KERNEL_RSS_ENV = "MEMASSERT_KERNEL_RSS";

/** What is wrong with a MEMASSERT_KERNEL_RSS value, or null when it is fine (unset included). */
export function kernelEnvProblem(value: string | undefined): string | null {
  if (value === undefined || value === "" || value === "lagging" || value === "approximate" || value === "probe") return null;
  return `${KERNEL_RSS_ENV}="${value}": unknown value (use lagging, approximate or probe, or leave it unset)`;
}

/** The kernel a run was measured on. */
export interface KernelInfo {
  /** `uname -r`. */
  release: string;
  /** How /proc/PID/statm's RSS relates to the pages really mapped; peaks are exact in every case. */
  rss: RssCounting;
  /** What told: the version number, the probe, or the MEMASSERT_KERNEL_RSS variable. */
  by: "version" | "probe" | "environment";
}

/**
 * A moment the traced program marked (see `mark()`), with the peaks reached
 * since its previous mark: how memassert attributes peaks to test cases.
 */
export interface Mark {
  ms: number;
  pid: number;
  /** The number the program passed to `mark()`. */
  id: number;
  /** RSS of the marking process at the mark. */
  rss: number;
  /** Peak RSS of the marking process since its previous mark (or its start). */
  peakRss: number;
  /** RSS of the tree at the mark. */
  treeRss: number;
  /** Peak RSS of the tree since the previous mark of any process. */
  treePeakRss: number;
}


/** What the worker is asked to do. */
export interface TraceRequest {
  spawn: Omit<SpawnSpec, "filter" | "seize">;
  mode: TraceMode;
  /** Record every reading into a timeline of at most this many rows (0: none). */
  timelineRows: number;
  /** Where to publish the live processes for the sampler thread (runner/trace/live.ts); null: no sampler. */
  live: SharedArrayBuffer | null;
  /** Kill the tree once its RSS passes this many bytes (0: never). */
  killAbove: number;
  /**
   * Where to answer a traced program's questions about a subtree (a
   * QUERY mark naming a pid gets `<dir>/<pid>.json`); null: none asked.
   */
  answerDir: string | null;
  /**
   * The token of the marks the root may make (see runner/trace/mark.ts), given to it in its
   * environment; null when no marks are counted.
   */
  markToken: number | null;
  /** Count page faults to spare reading idle processes at every stop (runner/trace/faults.ts); false: read them all. */
  countFaults: boolean;
  /** The tracer runs on the main thread, whose signals are caught natively (ffi/x86_64/signals.ts). */
  inline: boolean;
  /**
   * Start under the fast filter; the traced program adds the exact one itself when what it
   * wants measured begins (a test case, after its file loaded: see runner/trace/mark.ts).
   */
  lateExact: boolean;
  /** MEMASSERT_KERNEL_RSS as the caller's environment has it (a Worker may not see changes to it). */
  kernelRss: string | undefined;
  /** Read the largest processes' mappings at the peak (runner/trace/explain.ts). */
  explain?: boolean;
}

/** What a QUERY mark gets: the subtree of one process, as the tracer saw it so far. */
export interface SubtreeAnswer {
  processes: TracedProcess[];
  treePeakRss: number;
  treePeakPss: number;
  stops: number;
  kernel: KernelInfo;
}

/** Cells of the shared control array; MARKS_SEEN has bit N set once the root made its mark N (N < 31). */
export const CONTROL = { CANCEL: 0, TRACER_TID: 1, ROOT_PID: 2, ABANDON: 3, MARKS_SEEN: 4 } as const;
/** Bytes of the shared control array: a cell of 4 bytes each. */
export const CONTROL_BYTES = 4 * Object.keys(CONTROL).length;
/** Why a run was cancelled, as stored in CONTROL.CANCEL. */
export const CANCEL_REASONS = ["", "SIGINT", "SIGTERM", "SIGHUP", "timeout", "kill-above", "aborted", "load-timeout", "exit-timeout"];

/** One process as the tracer saw it: plain data, sent back to the main thread. */
export interface TracedProcess {
  pid: number;
  ppid: number;
  images: string[][];
  exitCode: number | null;
  signal: number | null;
  peakRss: number;
  peakPss: number;
  anon: number;
  file: number;
  shmem: number;
  startMs: number;
  endMs: number;
  /** What it used besides memory, read at its exit; null when no exit of it could be read (see ProcessResult). */
  usage: Usage | null;
}

/**
 * What a process used besides memory, from its own counters at its exit (what getrusage
 * gives it, ru_maxrss aside, without its children's): each child is a process of its own.
 */
export interface Usage {
  /** CPU time in user mode, in milliseconds. */
  userMs: number;
  /** CPU time in the kernel, in milliseconds. */
  systemMs: number;
  /** Page faults served without I/O. */
  minorFaults: number;
  /** Page faults that read from storage. */
  majorFaults: number;
  /** Times it gave up the CPU to wait, leaving out the stops memassert made. */
  voluntarySwitches: number;
  /** Times the scheduler took the CPU from it. */
  involuntarySwitches: number;
  /** Bytes it had read from storage (not from the page cache). */
  readBytes: number;
  /** Bytes it had sent to storage, less what was truncated before writeback. */
  writeBytes: number;
}

/** Everything the tracer measured. */
export interface TraceData {
  rootPid: number;
  processes: TracedProcess[];
  treePeakRss: number;
  treePeakPss: number;
  stops: number;
  wallMs: number;
  cancelled: string | null;
  marks: Mark[];
  /** What the run did differently from an untraced one (a setuid program that stayed unprivileged). */
  warnings: string[];
  /** The kernel, and how far its statm could be trusted. */
  kernel: KernelInfo;
  /** The readings at every stop, when a timeline was asked for. */
  timeline: TraceTimeline | null;
  /** Where the memory went at the peak, when asked for and a peak was read at a stop. */
  explanation?: PeakExplanation | null;
}

/** The tracer's part of a timeline: rows timed from its start, which was at `epochMs`. */
export interface TraceTimeline {
  rows: TimelineRows;
  /** `performance.timeOrigin + performance.now()` when the tracer's clock read 0. */
  epochMs: number;
  /** When the tree reached its peak RSS. */
  peakMs: number;
}

/** One process at an explained peak. */
export interface ExplainedProcess {
  pid: number;
  /** argv of the image it ran then. */
  argv: string[];
  /** Its RSS then: the reading that counts in the tree's sum. */
  rss: number;
  /** Its PSS then, summed from smaps; null for a process whose mappings were not read. */
  pss: number | null;
  /** Its largest mappings, largest first; null when not read (not among the largest processes). */
  mappings: Mapping[] | null;
  /** What its listed mappings leave out; null when not read. */
  rest: MappingRest | null;
}

/** The tree at the highest peak that was explained. */
export interface PeakExplanation {
  /** Milliseconds from the start of the run. */
  ms: number;
  /** The tree's RSS then: the sum of every process's RSS (listed and `others`). */
  treeRss: number;
  /** The processes alive then, largest first (at most 10). */
  processes: ExplainedProcess[];
  /** The processes alive then and not listed, and their RSS together. */
  others: { processes: number; rss: number };
  /** How many times mappings were read over the run (the cost of explaining). */
  reads: number;
}
