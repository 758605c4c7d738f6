/**
 * The environment figures were measured in. Peaks depend on the runtime's version, the C
 * library's allocator and the kernel, so a baseline records them and the gate says when they
 * differ instead of quietly comparing unlike with unlike.
 */
import { spawnSync } from "node:child_process";
import { machine, release } from "node:os";
import pkg from "../../package.json" with { type: "json" };
import type { Environment } from "./types.ts";

/** memassert's own version. */
export const VERSION: string = pkg.version;

/**
 * The environment of this process: memassert's version, the runtime running it (which is the
 * one that runs `memassert test`'s cases), the machine, the kernel and the C library.
 *
 * @example
 * ```ts
 * currentEnvironment();
 * // { memassert: "0.1.0", runtime: "bun 1.4.5", arch: "x86_64", kernel: "6.18.44", libc: "glibc 2.36" }
 * ```
 */
export function currentEnvironment(): Environment {
  return { memassert: VERSION, runtime: runtime(), arch: machine(), kernel: release(), libc: libc() };
}

function runtime(): string | null {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  return null;
}

let libcCache: string | null | undefined;

/**
 * "glibc 2.36" from getconf, which answers from the C library itself (runtimes' own reports
 * can name the version they were built against); null on a C library without it (musl).
 */
function libc(): string | null {
  if (libcCache !== undefined) return libcCache;
  try {
    const r = spawnSync("getconf", ["GNU_LIBC_VERSION"], { encoding: "utf8", timeout: 5000 });
    const m = /^glibc (\S+)/.exec(r.stdout ?? "");
    libcCache = m ? `glibc ${m[1]}` : null;
  } catch {
    libcCache = null;
  }
  return libcCache;
}

/** The major part of a version: 1 for "1.4.2". */
export function major(version: string): number {
  return Number(/^(\d+)/.exec(version)?.[1] ?? NaN);
}

const FIELDS: (keyof Environment)[] = ["memassert", "runtime", "arch", "kernel", "libc"];

/**
 * How `now` differs from `then`, one line per field ("kernel 6.1.0 → 6.18.44"); a field
 * either side does not know is not compared.
 *
 * @example
 * ```ts
 * environmentChanges(baseline.environment, currentEnvironment()); // ["runtime bun 1.4.4 → bun 1.4.5"]
 * ```
 */
export function environmentChanges(then: Environment, now: Environment): string[] {
  return FIELDS.filter((f) => then[f] !== null && now[f] !== null && then[f] !== now[f])
    .map((f) => `${f} ${then[f]} → ${now[f]}`);
}
