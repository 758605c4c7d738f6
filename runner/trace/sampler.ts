/**
 * Steady-interval sampling beside the tracer, from the main thread's side: one sampler thread
 * (sampler_worker.ts) per process, started on first use and shared by every measurement
 * running at once (`memassert test -j N`), kept while idle like the tracer threads (pool.ts).
 *
 * Why a thread of its own, and not a timer signal that interrupts the tracer's wait4: the
 * tracer's loop stays exactly as it is (a signal would have to be checked after every
 * wait4, and would interrupt whatever else the runtime does on that thread with EINTR),
 * and its stops cost the same with or without a timeline (bench/README.md has the figures).
 * The tracer only publishes which processes are alive (live.ts) when that changes.
 */
import { entryUrl, RUNTIME_ENTRIES } from "./entry.ts";
import type { TimelineRows } from "./timeline.ts";

/** What the main thread asks the sampler. */
export type SamplerRequest =
  | { type: "watch"; id: number; live: SharedArrayBuffer; intervalMs: number; maxRows: number }
  | { type: "end"; id: number };
/** What the sampler answers. */
export type SamplerReply = { type: "ready"; id: number } | { type: "rows"; id: number; rows: TimelineRows | null };

type Unrefable = { unref?: () => void; ref?: () => void };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<string, (r: SamplerReply) => void>();
let active = 0;
let reaper: number | undefined;

function sampler(): Worker {
  if (worker !== null) return worker;
  const w = new Worker(entryUrl(RUNTIME_ENTRIES.samplerWorker).href, { type: "module" });
  w.onmessage = (e: MessageEvent) => {
    const r = e.data as SamplerReply;
    const key = `${r.type}:${r.id}`;
    waiting.get(key)?.(r);
    waiting.delete(key);
  };
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault?.();
    // Measurements go on without samples: their stops still make a timeline.
    for (const done of waiting.values()) done({ type: "rows", id: 0, rows: null });
    waiting.clear();
    worker = null;
  };
  return (worker = w);
}

function answer(w: Worker, req: SamplerRequest, type: SamplerReply["type"]): Promise<SamplerReply> {
  return new Promise((resolve) => {
    waiting.set(`${type}:${req.id}`, resolve);
    w.postMessage(req);
  });
}

/** A running sampling of one tree; `end()` stops it and gives its rows (null when the sampler failed). */
export interface Sampling {
  end(): Promise<TimelineRows | null>;
}

/**
 * Starts sampling the processes published in `live` every `intervalMs`; resolves once the
 * sampler runs, so that the command started next is sampled from its first moment.
 */
export async function startSampling(live: SharedArrayBuffer, intervalMs: number, maxRows: number): Promise<Sampling> {
  const w = sampler();
  clearTimeout(reaper);
  if (active++ === 0) (w as Unrefable).ref?.();
  const id = nextId++;
  await answer(w, { type: "watch", id, live, intervalMs, maxRows }, "ready");
  let ended: Promise<TimelineRows | null> | null = null;
  return {
    end() {
      ended ??= answer(w, { type: "end", id }, "rows").then((r) => {
        if (--active === 0) idle(w);
        return r.type === "rows" ? r.rows : null;
      });
      return ended;
    },
  };
}

/** An idle sampler must not keep the process alive: Bun can unref it; under Deno a timer ends it. */
function idle(w: Worker): void {
  if ((w as Unrefable).unref) return (w as Unrefable).unref!();
  reaper = setTimeout(() => {
    if (active > 0 || worker !== w) return;
    worker = null;
    w.terminate();
  }, 50) as unknown as number;
  (globalThis as { Deno?: { unrefTimer(id: number): void } }).Deno?.unrefTimer(reaper);
}
