/**
 * Running a plugin's case through the memassert executable (`memassert __plugin-case`,
 * runner/case/serve.ts), for test processes that do not trace themselves: Deno's, which would
 * need -A to read /proc and --allow-ffi, and Node's, which has no FFI. The case goes in on
 * stdin, which stays open while it runs (closing it, as a dying test process does, kills the
 * case), and its verdict comes back on stdout.
 */
import { createRequire } from "node:module";
import type { PluginCase, PluginOutcome } from "../../runner/case/plugin.ts";

/** How to start memassert: a command, and whether it is the last one to try. */
export type Executable = string[];

const fromSource = import.meta.url.endsWith(".ts");

/**
 * The executable of the platform package installed beside this one (`@memassert/linux-x64`),
 * found as the npm package's launcher finds it; null when there is none or it cannot be looked
 * for: a Deno test process that may not read files would prompt for it.
 */
function installedExecutable(): string | null {
  const deno = (globalThis as { Deno?: { permissions: { querySync(d: { name: "read" }): { state: string } } } }).Deno;
  if (deno !== undefined && deno.permissions.querySync({ name: "read" }).state !== "granted") return null;
  try {
    const launcher = createRequire(import.meta.url)(fromSource ? "../../bin/memassert.cjs" : "./bin/memassert.cjs");
    return (launcher as { findExecutable(o: { env: object }): string }).findExecutable({ env: {} });
  } catch {
    return null;
  }
}

/**
 * The memassert commands to try, best first: $MEMASSERT_BIN (when it can be read), the
 * platform package's executable, the built executable of a checkout, then the CLI's entry
 * point beside this module run by each of `runtimes` (the sources of a checkout, or the
 * package's bin.js).
 */
export function executables(runtimes: string[][], env: (name: string) => string | undefined): Executable[] {
  const out: Executable[] = [];
  const given = env("MEMASSERT_BIN");
  if (given) out.push([given]);
  const installed = installedExecutable();
  if (installed !== null) out.push([installed]);
  if (fromSource) out.push([new URL("../../dist/memassert", import.meta.url).pathname]);
  const bin = fromSource ? new URL("../../runner/bin.ts", import.meta.url) : new URL("./bin.js", import.meta.url);
  for (const runtime of runtimes) out.push([...runtime, bin.pathname]);
  return out;
}

/** What a spawner gives back. */
export interface Answer {
  /** Null when the executable does not exist. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `cmd` with `input` on its stdin, kept open until it exits. */
export type Spawner = (cmd: string[], input: string) => Promise<Answer>;

/** Runs `c` with the first of `candidates` that exists. */
export async function runRemote(c: PluginCase, candidates: Executable[], spawn: Spawner): Promise<PluginOutcome> {
  const tried: string[] = [];
  for (const exe of candidates) {
    const a = await spawn([...exe, "__plugin-case"], JSON.stringify(c) + "\n");
    if (a.code === null) {
      tried.push(exe.join(" "));
      continue;
    }
    const line = a.stdout.trim().split("\n").pop() ?? "";
    if (a.code !== 0 || !line.startsWith("{")) {
      throw new Error(`${exe.join(" ")} could not run the case (exit status ${a.code}): ${a.stderr.trim() || a.stdout.trim()}`);
    }
    return JSON.parse(line) as PluginOutcome;
  }
  throw new Error(`cannot find memassert to trace the case (tried ${tried.join("; ")}): set MEMASSERT_BIN to the memassert executable`);
}
