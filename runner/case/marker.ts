/**
 * Marks in a case's process, whatever runtime runs it. Bun and Deno mark with an madvise
 * through FFI and add the exact seccomp filter themselves as the case starts
 * (runner/trace/mark.ts). Node has no FFI: it marks with `process.kill(id, MARK_SIGNAL)`,
 * which the filter also stops on, and cannot add a filter, so its runner starts it under the
 * exact one.
 */
import { runtime } from "../../ffi/mod.ts";
import { armExact, MARK_TOKEN_ENV, markNow, markWord, prepareMark } from "../trace/mark.ts";
import { MARK_SIGNAL } from "../trace/seccomp.ts";

/** What a case's process needs to bracket its case. */
export interface Marker {
  /** Adds the exact filter from here on (nothing where the runner started the process under it). */
  arm(): void;
  mark(id: number): void;
}

/** Whether a case's process run by this runtime adds the exact filter itself. */
export function armsItself(): boolean {
  return runtime() !== null;
}

let loaded: Promise<Marker> | null = null;

/** The marker of this runtime; loads what marking needs, so that loading is never measured. */
export function loadMarker(): Promise<Marker> {
  return loaded ??= load();
}

async function load(): Promise<Marker> {
  if (runtime() !== null) {
    await prepareMark();
    return { arm: armExact, mark: (id) => markNow(id) };
  }
  const token = Number(process.env[MARK_TOKEN_ENV] ?? 0);
  delete process.env[MARK_TOKEN_ENV];
  return {
    arm: () => {},
    mark: (id) => {
      try {
        process.kill(markWord(token, id), MARK_SIGNAL);
      } catch {
        // EINVAL, as intended: the tracer saw the call before the kernel refused it.
      }
    },
  };
}
