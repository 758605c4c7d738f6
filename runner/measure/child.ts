/**
 * Starting a command with the runtime's own spawn, for the two ways of
 * measuring that do not trace it themselves: sample mode (nothing traces it)
 * and a nested `measure()` (the outer tracer does). Both need the same
 * stdio, timeout, abort and kill handling.
 */
import { spawn } from "node:child_process";
import type { MeasureOptions } from "./options.ts";

/** A started command. */
export interface Child {
  pid: number;
  /** Resolves with how the command ended, once it has. */
  ended: Promise<{ code: number | null; signal: string | null }>;
  /** Why it was cut short ("timeout", "aborted", a signal name), or null. */
  interrupted(): string | null;
  /** Records `reason` (the first one wins) and calls `kill`. */
  stop(reason: string): void;
}

type Options = Pick<MeasureOptions, "stdin" | "stdout" | "stderr" | "timeoutMs" | "signal" | "handleSignals"> & {
  cwd: string;
  env: Record<string, string | undefined>;
};

/**
 * Spawns `argv` (its program already resolved to `path`). A timeout, an abort or, with
 * `handleSignals`, SIGINT/SIGTERM/SIGHUP call `kill` (default: SIGKILL to the command).
 */
export function startChild(argv: string[], path: string, o: Options, kill?: () => void): Child {
  const stdio = [o.stdin, o.stdout, o.stderr].map((s) => s ?? "inherit") as ("inherit" | "ignore" | number)[];
  const child = spawn(path, argv.slice(1), { argv0: argv[0], cwd: o.cwd, env: o.env as NodeJS.ProcessEnv, stdio });
  let interrupted: string | null = null;
  const stop = (reason: string) => {
    interrupted ??= reason;
    if (kill) kill();
    else child.kill("SIGKILL");
  };
  const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => stop("timeout"), o.timeoutMs);
  const onAbort = () => stop("aborted");
  o.signal?.addEventListener("abort", onAbort);
  if (o.signal?.aborted) onAbort();
  const handlers = o.handleSignals ? (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((sig) => [sig, () => stop(sig)] as const) : [];
  for (const [sig, fn] of handlers) process.on(sig, fn);
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal }));
  }).finally(() => {
    clearTimeout(timer);
    o.signal?.removeEventListener("abort", onAbort);
    for (const [sig, fn] of handlers) process.off(sig, fn);
  });
  return { pid: child.pid ?? 0, ended, interrupted: () => interrupted, stop };
}
