/**
 * The plain data a measurement yields. Every size is an exact number of bytes.
 * This is the shape `memassert run --json` writes (see schema/result.schema.json).
 */

import type { KernelInfo, Mark, PeakExplanation, TraceMode, Usage } from "../trace/types.ts";

export type { ExplainedProcess, KernelInfo, Mark, PeakExplanation, RssCounting, Usage } from "../trace/types.ts";
export type { Mapping, MappingKind, MappingRest } from "../trace/smaps.ts";

/** How peaks were obtained: "attach" for a process that was running already (`--attach`). */
export type Mode = TraceMode | "sample" | "attach";

/** RSS broken down by kind of page, at the moment of a peak. */
export interface RssSplit {
  /** Private and shared anonymous pages (heap, stacks, `MAP_PRIVATE|MAP_ANONYMOUS`). */
  anon: number;
  /** Pages of regular files mapped in (the executable, libraries, mapped data). */
  file: number;
  /** Shared memory: `MAP_SHARED|MAP_ANONYMOUS`, memfd, SysV shm, tmpfs. */
  shmem: number;
}

/** One process (thread group) of the traced tree. */
export interface ProcessResult {
  pid: number;
  /** The traced process that created it (0 for the root). */
  ppid: number;
  /** argv of its last exec image. */
  argv: string[];
  /** argv of every exec image it ran, in order. */
  images: string[][];
  /** Exit status, or null when a signal ended it. */
  exitCode: number | null;
  /** Name of the signal that ended it ("SIGKILL"), or null. */
  signal: string | null;
  /** Highest RSS over the whole life of the process, all images included. */
  peakRss: number;
  /** Highest PSS seen (shared pages divided among their sharers). */
  peakPss: number;
  /** RSS split at the moment of `peakRss`. */
  atPeak: RssSplit;
  /** Milliseconds from the start of the run to the process's creation and end. */
  startMs: number;
  endMs: number;
  /**
   * CPU time, page faults, context switches and block I/O, from its own counters at its
   * exit stop (or, with --attach, when memassert detached from it); null when there was none to read at: it outlived an interrupted run, a
   * SIGKILL took its threads down at once, or it was not traced (sample mode).
   */
  usage: Usage | null;
}

/** A reading: [milliseconds from the start of the run, bytes]. */
export type Point = [ms: number, bytes: number];

/**
 * RSS over time: read every `intervalMs` by a sampler thread, and at every stop of the
 * tracer (so right before each drop). At most `maxPoints` readings are kept: a longer run is
 * thinned, each window of time keeping its highest and lowest reading of the tree.
 */
export interface Timeline {
  /** Milliseconds between two samples (stops add readings in between). */
  intervalMs: number;
  /** Readings kept at most, for the tree and so for each process. */
  maxPoints: number;
  /** When the tree reached its peak RSS. */
  peakMs: number;
  /** The tree's RSS: the sum over the processes alive, at each reading. */
  tree: Point[];
  /** Each process's RSS at the readings made while it was alive. */
  processes: { pid: number; points: Point[] }[];
}

/** What `measure()` returns and `--json` writes. */
export interface MeasureResult {
  /** Version of this shape; bumped on incompatible change. */
  version: 1;
  argv: string[];
  /** Exit status of the root process, or null when a signal ended it. */
  exitCode: number | null;
  /** Name of the signal that ended the root process, or null. */
  signal: string | null;
  wallMs: number;
  mode: Mode;
  /** Set when a figure is not exact, saying how it may be off. */
  approximate: string | null;
  /** Set when the run was cut short ("SIGINT", "timeout", "kill-above"); what was measured until then is kept. */
  interrupted: string | null;
  root: { pid: number; peakRss: number; peakPss: number };
  tree: {
    /** Highest sum of RSS over processes alive at the same moment. */
    peakRss: number;
    /** Highest sum of PSS over processes alive at the same moment. */
    peakPss: number;
    /** How many processes (thread groups) the tree had over its life. */
    processes: number;
    /** The sum of every process's usage (those with none count nothing). */
    usage: Usage;
  };
  processes: ProcessResult[];
  /** How many times the tracer stopped the tree to read memory. */
  stops: number;
  /** The kernel, and how its cheap RSS counter (statm) relates to the real RSS. */
  kernel: KernelInfo;
  /** RSS over time, when asked for with `timeline: true`. */
  timeline?: Timeline;
  /** What the run did differently from an untraced run, when anything did. */
  warnings?: string[];
  /** Moments the program marked, when it marked any. */
  marks?: Mark[];
  /**
   * Where the memory went at the tree's peak, when asked for with `explain: true`: the
   * highest peak read at a stop that passed the last explained one by max(1 MiB, 1/16).
   */
  explain?: PeakExplanation;
}
