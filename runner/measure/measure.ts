/**
 * `measure()`: runs a command, traced, and returns the exact peak memory of
 * its process tree. The tracing happens in a Worker (runner/trace/trace_worker.ts) so that
 * this thread's event loop stays free to time out, abort or catch Ctrl-C;
 * `memassert run`, with nothing else to do, traces on its own thread (inline).
 */
import { assemble, fastNote } from "./assemble.ts";
import { parseBytes } from "../budget/bytes.ts";
import { MeasureError, ptraceDeniedMessage } from "./errors.ts";
import { interpreterOf, resolveCommand } from "./resolve.ts";
import { ANSWER_DIR_ENV, type MeasureOptions, type Stdio } from "./options.ts";
import type { MeasureResult } from "./result.ts";
import { MARK_TOKEN_ENV } from "../trace/mark.ts";
import { hasCapSysAdmin } from "../trace/privileges.ts";
import { rssOf, tracedBy, tracerOf } from "../trace/procfs.ts";
import { giveBack, takeWorker } from "../trace/pool.ts";
import { CANCEL_REASONS, CONTROL, CONTROL_BYTES, KERNEL_RSS_ENV, kernelEnvProblem, type TraceData, type TraceRequest } from "../trace/types.ts";
import { liveBuffer } from "../trace/live.ts";
import { nodeFs } from "../trace/files.ts";
import { MAX_ROWS } from "../trace/timeline.ts";

/** Milliseconds between two samples of a timeline unless asked otherwise. */
const DEFAULT_INTERVAL_MS = 10;

/**
 * Runs `argv` and measures the peak RSS and PSS of every process it starts.
 *
 * @example
 * ```ts
 * import { measure, formatBytes } from "memassert";
 * const r = await measure(["gzip", "-k", "big.log"]);
 * console.log(formatBytes(r.tree.peakRss), r.exitCode);
 * ```
 */
export async function measure(argv: string[], options: MeasureOptions = {}): Promise<MeasureResult> {
  if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== "string")) {
    throw new TypeError(`measure() needs a non-empty array of strings as argv, got ${JSON.stringify(argv)}`);
  }
  const mode = options.mode ?? "exact";
  if (!["exact", "fast", "sample"].includes(mode)) {
    throw new RangeError(`Unknown mode "${mode}": use "exact", "fast" or "sample"`);
  }
  const kernelRss = process.env[KERNEL_RSS_ENV];
  const kernelProblem = kernelEnvProblem(kernelRss);
  if (kernelProblem !== null) throw new RangeError(kernelProblem);
  const cwd = options.cwd ?? process.cwd();
  let envRecord = options.env ?? process.env;
  const path = resolveCommand(argv[0], envRecord.PATH, cwd);
  const killAbove = options.killAbove === undefined ? 0 : parseBytes(options.killAbove);
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  if (!(intervalMs >= 1 && intervalMs <= 60_000)) {
    throw new RangeError(`intervalMs ${intervalMs}: give a number of milliseconds from 1 to 60000`);
  }
  if (options.explain && mode === "sample") {
    throw new RangeError(`explain needs the tracer's stops: use mode "exact" (or "fast"), not "sample"`);
  }
  // Loaded on demand: both need node:child_process, slow to load in the executable.
  if (mode === "sample") return (await import("./sample.ts")).sample(argv, path, { ...options, cwd, killAbove, intervalMs });
  // Inside a test case (a process memassert traces, told where answers go) the case's own
  // tracer measures the command; a stray variable outside one changes nothing.
  const answerDir = process.env[ANSWER_DIR_ENV];
  if (answerDir && !options.answerDir && tracerOf("self") !== 0) {
    return (await import("./nested.ts")).measureNested(argv, path, answerDir, { ...options, cwd, env: envRecord });
  }

  const opened: number[] = [];
  const fd = (s: Stdio | undefined, flags: "r" | "w"): number => {
    if (s === undefined || s === "inherit") return -1;
    if (s === "ignore") {
      const n = nodeFs().openSync("/dev/null", flags);
      opened.push(n);
      return n;
    }
    return s;
  };
  // A test case's process is armed for marks: it gets their token in its environment.
  const armed = options.answerDir !== undefined || options.lateExact || options.markByKill;
  const markToken = armed ? 1 + Math.floor(Math.random() * (options.markByKill ? 0x7ffe : 0x7ffffffe)) : null;
  if (markToken !== null) envRecord = { ...envRecord, [MARK_TOKEN_ENV]: String(markToken) };
  const request: TraceRequest = {
    spawn: {
      path,
      argv,
      env: Object.entries(envRecord)
        .filter(([k, v]) => v !== undefined && (k !== ANSWER_DIR_ENV || options.answerDir !== undefined))
        .map(([k, v]) => `${k}=${v}`),
      cwd,
      fds: [fd(options.stdin, "r"), fd(options.stdout, "w"), fd(options.stderr, "w")],
      setsid: options.setsid ?? false,
      keepPrivileges: hasCapSysAdmin(),
    },
    mode,
    timelineRows: options.timeline ? MAX_ROWS : 0,
    live: options.timeline ? liveBuffer() : null,
    killAbove,
    answerDir: options.answerDir ?? null,
    markToken,
    countFaults: options.countFaults !== false,
    lateExact: options.lateExact === true && mode === "exact",
    kernelRss,
    explain: options.explain === true,
    inline: options.inline === true && options.timeoutMs === undefined && options.signal === undefined && killAbove === 0,
  };
  // Loaded only for a timeline: `memassert run` starts no sampler thread without one.
  const sampling = request.live === null ? null : await (await import("../trace/sampler.ts")).startSampling(request.live, intervalMs, MAX_ROWS);
  try {
    const data = request.inline ? await traceHere(request, options) : await runWorker(request, options);
    const rows = sampling === null ? null : await sampling.end();
    return assemble({
      ...data, argv, mode, interrupted: data.cancelled,
      approximate: mode === "fast" ? fastNote(data.kernel) : null,
      sampled: sampling === null ? null : { rows, intervalMs, maxRows: MAX_ROWS },
    });
  } finally {
    await sampling?.end();
    for (const n of opened) nodeFs().closeSync(n);
  }
}

/** Traces on this thread; SIGINT, SIGTERM and SIGHUP are caught natively meanwhile. */
async function traceHere(request: TraceRequest, options: MeasureOptions): Promise<TraceData> {
  const [{ loadLibc }, { trace }] = await Promise.all([import("../../ffi/mod.ts"), import("../trace/tracer.ts")]);
  const libc = await loadLibc();
  const restore = options.handleSignals ? libc.catchSignals([1, 2, 15]) : () => {};
  try {
    return trace(libc, request, new Int32Array(new SharedArrayBuffer(CONTROL_BYTES)));
  } catch (error) {
    throw toError(error as WorkerError, request.spawn.path);
  } finally {
    restore();
  }
}

async function runWorker(request: TraceRequest, options: MeasureOptions): Promise<TraceData> {
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const cells = new Int32Array(control);
  const worker = takeWorker();
  let clean = false;
  const cancel = (reason: string) => {
    // A second cancel (Ctrl-C again) abandons the tree instead of waiting for its ends.
    if (Atomics.load(cells, CONTROL.CANCEL) !== 0) Atomics.store(cells, CONTROL.ABANDON, 1);
    else Atomics.store(cells, CONTROL.CANCEL, Math.max(CANCEL_REASONS.indexOf(reason), 1));
    killTracees(cells);
  };
  const onSignal = { SIGINT: () => cancel("SIGINT"), SIGTERM: () => cancel("SIGTERM"), SIGHUP: () => cancel("SIGHUP") };
  if (options.handleSignals) for (const [sig, fn] of Object.entries(onSignal)) process.on(sig, fn);
  const timer = options.timeoutBetween !== undefined ? timeBetweenMarks(cells, options.timeoutBetween, options.timeoutMs, cancel)
    : options.timeoutMs === undefined ? undefined : setTimeout(() => cancel("timeout"), options.timeoutMs);
  const onAbort = () => cancel("aborted");
  options.signal?.addEventListener("abort", onAbort);
  if (options.signal?.aborted) onAbort();
  // The tracer checks the limit at its stops; a program that only grows makes
  // none, so its root is also watched from here.
  const watch = request.killAbove > 0 ? setInterval(() => {
    const root = Atomics.load(cells, CONTROL.ROOT_PID);
    if (root > 0 && rssOf(root) > request.killAbove) cancel("kill-above");
  }, 20) : undefined;
  try {
    const reply = await new Promise<{ ok: boolean; data?: TraceData; error?: WorkerError }>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent) => resolve(e.data);
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault?.();
        reject(new Error(`memassert's tracer thread failed: ${e.message}`));
      };
      worker.postMessage({ request, control });
    });
    clean = true;
    if (!reply.ok) throw toError(reply.error!, request.spawn.path);
    return reply.data!;
  } finally {
    clearTimeout(timer);
    clearInterval(timer);
    clearInterval(watch);
    options.signal?.removeEventListener("abort", onAbort);
    if (options.handleSignals) for (const [sig, fn] of Object.entries(onSignal)) process.off(sig, fn);
    if (clean) giveBack(worker);
    else worker.terminate();
  }
}

/** Milliseconds between two looks at the root's marks, for a timeout counted between two. */
const MARK_POLL_MS = 10;

/**
 * Cancels the run when it spends longer than `timeoutMs` between marks `start` and `end`
 * ("timeout"), or longer than `outsideMs` before `start` ("load-timeout") or after `end`
 * ("exit-timeout"). The tracer publishes the marks the root made in CONTROL.MARKS_SEEN.
 */
function timeBetweenMarks(cells: Int32Array, marks: { start: number; end: number; outsideMs: number }, timeoutMs: number | undefined, cancel: (reason: string) => void) {
  const phases = [
    { mark: marks.start, limit: marks.outsideMs, reason: "load-timeout" },
    { mark: marks.end, limit: timeoutMs ?? Infinity, reason: "timeout" },
    { mark: -1, limit: marks.outsideMs, reason: "exit-timeout" },
  ];
  let phase = 0, since = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const seen = Atomics.load(cells, CONTROL.MARKS_SEEN);
    while (phases[phase].mark >= 0 && (seen & (1 << phases[phase].mark)) !== 0) [phase, since] = [phase + 1, now];
    if (now - since > phases[phase].limit) {
      clearInterval(timer);
      cancel(phases[phase].reason);
    }
  }, MARK_POLL_MS);
  return timer;
}

interface WorkerError { name: string; message: string; call?: string; errno?: number }

function toError(e: WorkerError, path: string): Error {
  if (e.call === "ptrace(PTRACE_TRACEME)" || e.call === "ptrace(PTRACE_SEIZE)" || (e.call?.startsWith("seccomp") && e.errno === 1)) {
    return new MeasureError("EPERM_PTRACE", ptraceDeniedMessage(e.message));
  }
  if (e.call === "execve" && (e.errno === 2 || e.errno === 20)) {
    // The file is there (it was resolved): what is missing is the interpreter its #! names.
    const interpreter = interpreterOf(path);
    if (interpreter !== null) {
      return new MeasureError("EACCES", `bad interpreter: ${path} starts with "#!${interpreter}", which does not exist (fix the path after #!, or install it)`);
    }
    return new MeasureError("ENOENT", `command not found: ${path} (execve: no such file)`);
  }
  if (e.call === "execve" && (e.errno === 13 || e.errno === 8)) {
    return new MeasureError("EACCES", `not executable: ${path} (${e.message})`);
  }
  if (e.call) return new MeasureError("ESPAWN", `cannot start ${path}: ${e.message}`);
  return Object.assign(new Error(e.message), { name: e.name });
}

/**
 * Kills every process traced by our tracer thread. The worker may be blocked
 * in wait4 with no tracee about to stop, so the kill must come from here:
 * /proc says which processes that thread traces.
 */
function killTracees(cells: Int32Array): void {
  const tracer = Atomics.load(cells, CONTROL.TRACER_TID);
  const root = Atomics.load(cells, CONTROL.ROOT_PID);
  if (root > 0) tryKill(root);
  if (tracer <= 0) return;
  for (let round = 0; round < 3; round++) {
    const found = tracedBy(tracer);
    found.forEach(tryKill);
    if (found.length === 0) break;
  }
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
