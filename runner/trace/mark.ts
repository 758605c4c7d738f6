/**
 * Marks a moment in a traced process, so that the tracer reports the peaks
 * reached between two marks (how each test case gets its own peak). Outside
 * memassert the call is a madvise the kernel rejects: it does nothing.
 */
import { errnoName, loadLibc, type Libc } from "../../ffi/mod.ts";
import { tracerOf } from "./procfs.ts";
import { buildFilter, MARK_ADVICE } from "./seccomp.ts";

/**
 * Mark ids with a meaning to memassert; others' marks start at 16. CASE_SETTLED follows
 * CASE_END once a full GC has run: the RSS the case retained; LEAK_RUN follows each further
 * run of a case run several times in one process (`leakRuns`), after its own full GC.
 */
export const MARK = { CASE_START: 1, CASE_END: 2, QUERY: 3, CASE_SETTLED: 4, LEAK_RUN: 5, USER: 16 } as const;

/**
 * The variable by which the tracer gives the process it armed for marks their token. The
 * process takes it out of its environment before any code it runs could read it, so that
 * nothing else can make marks the tracer counts.
 */
export const MARK_TOKEN_ENV = "MEMASSERT_MARK_TOKEN";

/** A mark's first argument: the token above the id, which takes 16 bits. */
export function markWord(token: number, id: number): number {
  return token * 0x10000 + (id & 0xffff);
}

/** The token and id of a mark's first argument. */
export function readMarkWord(word: number): { token: number; id: number } {
  return { token: Math.floor(word / 0x10000), id: word % 0x10000 };
}

let libc: Libc | null = null;
let token = 0;

/** Loads what `markNow` needs and takes the token; call once, early, so loading is not measured. */
export async function prepareMark(): Promise<void> {
  libc ??= await loadLibc();
  const given = Number(process.env[MARK_TOKEN_ENV] ?? 0);
  if (given > 0) token = given;
  delete process.env[MARK_TOKEN_ENV];
}

/** Marks this moment with `id` (a small non-negative integer) and an argument for the tracer. */
export function markNow(id: number, arg = 0): void {
  if (libc === null) throw new Error("markNow() before prepareMark()");
  libc.madvise(markWord(token, id), arg, MARK_ADVICE);
}

const SECCOMP_FILTER_FLAG_TSYNC = 1;

/**
 * Adds the exact seccomp filter to this traced process, all threads at once:
 * from here on every call that can lower RSS stops it for the tracer. A test
 * case's process starts under the fast filter, so that loading its file and
 * settling its heap (dozens of frees) cost no stops, and arms this right
 * before the case starts. Does nothing in a process no tracer follows, where
 * a trapped call would fail with ENOSYS.
 */
export function armExact(): void {
  if (libc === null) throw new Error("armExact() before prepareMark()");
  if (tracerOf("self") === 0) return;
  const r = libc.addSeccompFilter(buildFilter(0n, true), SECCOMP_FILTER_FLAG_TSYNC);
  if (r > 0) throw new Error(`cannot trace this case exactly: thread ${r} refused the seccomp filter`);
  if (r < 0) throw new Error(`cannot trace this case exactly: seccomp failed: ${errnoName(-r)}`);
}
