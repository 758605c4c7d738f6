/** The options of `measure()`, shared by its three ways of measuring (traced, nested, sampled). */
import type { Mode } from "./result.ts";

/** The variable by which a traced process learns where its questions are answered (see nested.ts). */
export const ANSWER_DIR_ENV = "MEMASSERT_ANSWER_DIR";

/** Where a standard stream of the child goes. */
export type Stdio = "inherit" | "ignore" | number;

/** Options of `measure()`. */
export interface MeasureOptions {
  /** "exact" (default), "fast" (VmHWM at exit) or "sample" (polling /proc, no ptrace). */
  mode?: Exclude<Mode, "attach">;
  cwd?: string;
  /** The child's whole environment; default: this process's. */
  env?: Record<string, string | undefined>;
  stdin?: Stdio;
  stdout?: Stdio;
  stderr?: Stdio;
  /** Kill the tree after this many milliseconds; the result says `interrupted: "timeout"`. */
  timeoutMs?: number;
  /**
   * @internal `timeoutMs` is for what runs between the root's marks `start` and `end` (a test
   * case's body), not from the spawn. Before `start` the run may take `outsideMs` (loading the
   * case's file), else it is killed with `interrupted: "load-timeout"`; after `end` it may
   * take `outsideMs` again to exit, else `interrupted: "exit-timeout"`.
   */
  timeoutBetween?: { start: number; end: number; outsideMs: number };
  /** Kill the tree when aborted; the result says `interrupted: "aborted"`. */
  signal?: AbortSignal;
  /** Kill the tree once its RSS passes this size ("1 GiB" or bytes). */
  killAbove?: string | number;
  /**
   * Record RSS over time in `timeline`: every `intervalMs` and at every stop of the
   * tracer, in every mode (a command `measure()` runs inside a test case has none).
   */
  timeline?: boolean;
  /** Milliseconds between two samples of the timeline (default 10). */
  intervalMs?: number;
  /**
   * Say where the memory went at the tree's peak, in `explain`: each process's RSS, and the
   * largest mappings of the largest processes from /proc/PID/smaps. Read at a new peak only
   * when it passes the last one explained by max(1 MiB, 1/16 of it). Exact and fast modes;
   * not for a command `measure()` runs inside a test case.
   */
  explain?: boolean;
  /** Catch SIGINT, SIGTERM and SIGHUP while measuring: kill the tree, return what was measured. */
  handleSignals?: boolean;
  /** Start the child in a new session (it then gets no terminal signals). */
  setsid?: boolean;
  /** @internal Directory where the tracer answers the traced program's subtree queries. */
  answerDir?: string;
  /**
   * @internal Trace on this thread, blocking it until the tree has exited: no Worker to
   * start (a few ms), for a caller with nothing else to do, like `memassert run`. Signals
   * are then caught natively; timeoutMs, signal and killAbove's watch need the worker.
   */
  inline?: boolean;
  /** @internal false: read every process at every stop, never sparing idle ones (for comparisons). */
  countFaults?: boolean;
  /** @internal The program adds the exact filter itself (runner/trace/mark.ts `armExact`). */
  lateExact?: boolean;
  /**
   * @internal The program marks with `kill(markWord, MARK_SIGNAL)` (Node, without FFI): it is
   * armed for marks, with a token small enough for a mark word to fit kill()'s 31-bit pid.
   */
  markByKill?: boolean;
}
