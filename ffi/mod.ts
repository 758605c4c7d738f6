/**
 * The only door to native code: picks the binding for the running runtime.
 * Both bindings implement the same `Libc` interface.
 */
import type { Libc } from "./types.ts";

export { alloc, errnoName, NativeError, sockFprog } from "./types.ts";
export type { Libc } from "./types.ts";

/** Which runtime this is, or null for one memassert cannot trace from. */
export function runtime(): "bun" | "deno" | null {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  return g.Bun !== undefined ? "bun" : g.Deno !== undefined ? "deno" : null;
}

/** Loads libc for the calling thread. */
export async function loadLibc(): Promise<Libc> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`memassert traces Linux x86_64 processes; this is ${process.platform} ${process.arch}`);
  }
  switch (runtime()) {
    case "bun": return (await import("./bun.ts")).load();
    case "deno": return (await import("./deno.ts")).load();
    default: throw new Error("memassert runs on Bun or Deno");
  }
}
