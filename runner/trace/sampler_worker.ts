/**
 * Worker entry point: the sampler thread. Every `intervalMs` it reads the RSS of each live
 * process of the trees it watches (pids the tracer publishes, live.ts) and records a row of
 * their timeline. It runs beside the tracer, never in its way: the tracer's stops cost what
 * they cost without it, and a program that only grows, which the tracer never stops, still
 * gets a curve. Rows are timed in ms since the epoch (`performance.timeOrigin + now()`),
 * the clock both threads share; the main thread rebases them on the tracer's start.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { PAGE } from "../../ffi/linux.ts";
import { LIVE_SLOTS, readLive } from "./live.ts";
import { TimelineRecorder } from "./timeline.ts";
import type { SamplerReply, SamplerRequest } from "./sampler.ts";

declare const self: { onmessage: ((e: MessageEvent) => void) | null; postMessage(data: unknown): void };

interface Watch {
  live: SharedArrayBuffer;
  recorder: TimelineRecorder;
  timer: ReturnType<typeof setInterval>;
  /** statm kept open per pid: a reused pid cannot be mistaken for the process that had it. */
  fds: Map<number, number>;
}

const watches = new Map<number, Watch>();
const pids = new Int32Array(LIVE_SLOTS);
const seen = new Set<number>();
const buf = new Uint8Array(128);

self.onmessage = (e: MessageEvent) => {
  const req = e.data as SamplerRequest;
  if (req.type === "watch") {
    const w: Watch = { live: req.live, recorder: new TimelineRecorder(req.maxRows), fds: new Map(), timer: 0 as never };
    w.timer = setInterval(() => tick(w), req.intervalMs);
    watches.set(req.id, w);
    tick(w);
    reply({ type: "ready", id: req.id });
  } else {
    const w = watches.get(req.id);
    if (w === undefined) return reply({ type: "rows", id: req.id, rows: null });
    clearInterval(w.timer);
    tick(w);
    for (const fd of w.fds.values()) closeSync(fd);
    watches.delete(req.id);
    reply({ type: "rows", id: req.id, rows: w.recorder.rows() });
  }
};

function reply(r: SamplerReply): void {
  self.postMessage(r);
}

function tick(w: Watch): void {
  const count = readLive(w.live, pids);
  if (count === 0 && w.fds.size === 0) return;
  const ms = performance.timeOrigin + performance.now();
  seen.clear();
  let sum = 0, read = 0;
  for (let i = 0; i < count; i++) {
    const pid = pids[i];
    seen.add(pid);
    const rss = rssOf(w, pid);
    if (rss < 0) continue;
    if (read++ === 0) w.recorder.begin(ms);
    w.recorder.value(pid, rss);
    sum += rss;
  }
  if (read > 0) w.recorder.end(sum);
  for (const [pid, fd] of w.fds) {
    if (seen.has(pid)) continue;
    closeSync(fd);
    w.fds.delete(pid);
  }
}

/** RSS of `pid` from its statm, or -1 when it is gone. */
function rssOf(w: Watch, pid: number): number {
  let fd = w.fds.get(pid);
  try {
    if (fd === undefined) {
      fd = openSync(`/proc/${pid}/statm`, "r");
      w.fds.set(pid, fd);
    }
    const n = readSync(fd, buf, 0, buf.length, 0);
    let i = 0, rss = 0;
    while (i < n && buf[i] !== 32) i++;
    for (i++; i < n && buf[i] !== 32; i++) rss = rss * 10 + buf[i] - 48;
    return n > 0 ? rss * PAGE : -1;
  } catch {
    return -1;
  }
}
