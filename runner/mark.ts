/**
 * Marks a moment in a traced process, so that the tracer reports the peaks
 * reached between two marks (how each test case gets its own peak). Outside
 * memassert the call is a madvise the kernel rejects: it does nothing.
 */
import { loadLibc, type Libc } from "../ffi/mod.ts";
import { MARK_ADVICE } from "./seccomp.ts";

/** Mark ids with a meaning to memassert; others' marks start at 16. */
export const MARK = { CASE_START: 1, CASE_END: 2, QUERY: 3, USER: 16 } as const;

let libc: Libc | null = null;

/** Loads what `markNow` needs; call once, early, so loading is not measured. */
export async function prepareMark(): Promise<void> {
  libc ??= await loadLibc();
}

/** Marks this moment with `id` (a small non-negative integer) and an argument for the tracer. */
export function markNow(id: number, arg = 0): void {
  if (libc === null) throw new Error("markNow() before prepareMark()");
  libc.madvise(id, arg, MARK_ADVICE);
}
