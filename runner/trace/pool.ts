/**
 * Tracer threads are kept for the next measurement: starting a Worker costs
 * ~2 ms under Bun and ~10 ms under Deno, per case of `memassert test`. An
 * idle worker must not keep the process alive: Bun can unref it; under Deno
 * idle workers are ended by a timer that itself does not keep the process alive.
 */
import { entryUrl, RUNTIME_ENTRIES } from "./entry.ts";

const idle: Worker[] = [];
const IDLE_MS = 50;
let reaper: number | undefined;

type Unrefable = { unref?: () => void; ref?: () => void };

const WORKER_URL = entryUrl(RUNTIME_ENTRIES.traceWorker).href;

/**
 * Starts tracer threads ahead of need (`memassert test` does, while it loads
 * the test files), so that the first measurements do not wait for them.
 */
export function prewarm(count: number): void {
  while (idle.length < count) {
    const w = new Worker(WORKER_URL, { type: "module" });
    (w as Unrefable).unref?.();
    idle.push(w);
  }
}

/** A tracer thread, new or kept from an earlier measurement. */
export function takeWorker(): Worker {
  const w = idle.pop() ?? new Worker(WORKER_URL, { type: "module" });
  (w as Unrefable).ref?.();
  return w;
}

/** Keeps a worker that finished its measurement cleanly. */
export function giveBack(w: Worker): void {
  w.onmessage = null;
  w.onerror = null;
  idle.push(w);
  if ((w as Unrefable).unref) return (w as Unrefable).unref!();
  clearTimeout(reaper);
  reaper = setTimeout(endIdle, IDLE_MS) as unknown as number;
  (globalThis as { Deno?: { unrefTimer(id: number): void } }).Deno?.unrefTimer(reaper);
}

function endIdle(): void {
  for (const w of idle.splice(0)) w.terminate();
}
