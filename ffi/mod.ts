/**
 * The only door to native code: picks the binding for the running runtime.
 * Both bindings implement the same `Libc` interface. Everything that depends
 * on the machine (syscall numbers, registers, the spawn routine's block) is
 * exported from here too, so no other folder hard-codes it.
 */
import type { Libc } from "./types.ts";

export { alloc, errnoName, NativeError, sockFprog } from "./types.ts";
export type { Libc } from "./types.ts";
export { ERRNO, O, PAGE, pageFaultCounter, PERF_FLAG_FD_CLOEXEC, PTRACE, PTRACE_ATTACH_OPTIONS, PTRACE_EVENT, PTRACE_OPTIONS, SIG, WAIT } from "./linux.ts";
export { AUDIT_ARCH, PTRACE_GETREGS, PTRACE_SETREGS, REG_RETURN, REG_SYSCALL, SYS_I386, SYS_X86_64, SYSCALL_ARG_REG, USER_REGS_WORDS, X32_SYSCALL_BIT } from "./x86_64/syscalls.ts";
export { seized, spawnBlock, spawnFailure } from "./x86_64/spawn_block.ts";
export type { SpawnBlock, SpawnSpec } from "./x86_64/spawn_block.ts";

/** Which runtime this is, or null for one memassert cannot trace from. */
export function runtime(): "bun" | "deno" | null {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  return g.Bun !== undefined ? "bun" : g.Deno !== undefined ? "deno" : null;
}

/** This thread's libc once loaded: each thread (Worker) has its own errno, and its own copy of this module. */
let loaded: Libc | null = null;

/** Loads libc for the calling thread, once; later calls return the same. */
export async function loadLibc(): Promise<Libc> {
  if (loaded !== null) return loaded;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`memassert traces Linux x86_64 processes; this is ${process.platform} ${process.arch}`);
  }
  switch (runtime()) {
    case "bun": return (loaded = (await import("./bun.ts")).load());
    case "deno": return (loaded = (await import("./deno.ts")).load());
    default: throw new Error("memassert runs on Bun or Deno");
  }
}

/** This thread's libc if {@link loadLibc} has loaded it, else null. */
export function loadedLibc(): Libc | null {
  return loaded;
}
