/**
 * Worker entry point: the thread that spawns and traces. A blocking wait4 on
 * the main thread would freeze its event loop, and every ptrace request must
 * come from the thread that spawned the tree, so both live here.
 */
import { loadLibc, type Libc } from "../../ffi/mod.ts";
import { trace } from "./tracer.ts";
import { CONTROL, type TraceRequest } from "./types.ts";

declare const self: { onmessage: ((e: MessageEvent) => void) | null; postMessage(data: unknown): void };

// Loaded as soon as the thread starts, before the first request arrives.
const loading: Promise<Libc> = loadLibc();
loading.catch(() => undefined);
let libc: Libc | null = null;

self.onmessage = async (e: MessageEvent) => {
  const { request, control } = e.data as { request: TraceRequest; control: SharedArrayBuffer };
  const cells = new Int32Array(control);
  try {
    libc ??= await loading;
    Atomics.store(cells, CONTROL.TRACER_TID, libc.gettid());
    self.postMessage({ ok: true, data: trace(libc, request, cells) });
  } catch (err) {
    const { name, message, call, errno } = err as { name: string; message: string; call?: string; errno?: number };
    self.postMessage({ ok: false, error: { name, message, call, errno } });
  }
};
