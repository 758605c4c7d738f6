/**
 * Entry points that memassert starts at run time, in a thread or a process of
 * their own: the tracer's and the sampler's Workers, and a test case's process. Both builds
 * (build/entries.ts) emit every entry point as `<out>.js` side by side with
 * the chunks, so a bundled module finds one beside itself; from a checkout,
 * the source file is used.
 */

/** An entry point: its source, relative to the repository root, and its output name. */
export interface Entry {
  source: string;
  out: string;
}

/** The entry points started at run time. */
export const RUNTIME_ENTRIES = {
  /** The tracer's Worker. */
  traceWorker: { source: "runner/trace/trace_worker.ts", out: "trace_worker" },
  /** The sampler's Worker, for timelines (runner/trace/sampler.ts). */
  samplerWorker: { source: "runner/trace/sampler_worker.ts", out: "sampler_worker" },
  /** A test case's process when memassert is not one compiled executable. */
  caseMain: { source: "runner/case/case_main.ts", out: "case_main" },
  /** The process that loads test files to list their cases, likewise. */
  collectMain: { source: "runner/testing/collect_main.ts", out: "collect_main" },
} as const satisfies Record<string, Entry>;

const fromSource = import.meta.url.endsWith(".ts");

/** Where `entry` is: its source from a checkout, or its output beside this bundled module. */
export function entryUrl(entry: Entry): URL {
  return fromSource ? new URL(`../../${entry.source}`, import.meta.url) : new URL(`./${entry.out}.js`, import.meta.url);
}

/**
 * The command that runs `entry` in a process of its own: the compiled executable with the
 * hidden subcommand `hidden` (its entry points are inside it), or this runtime on the entry's
 * file. Under Deno it gets all permissions, the runner's `--expose-gc` (Deno keeps one code
 * cache per set of V8 flags, so the same flags reuse the runner's cache) and `denoFlags`.
 */
export function entryCommand(entry: Entry, hidden: string, denoFlags: string[] = []): string[] {
  const g = globalThis as { Deno?: { execPath(): string } };
  const main = entryUrl(entry).pathname;
  if (g.Deno) {
    const flags = typeof (globalThis as { gc?: unknown }).gc === "function" ? ["--v8-flags=--expose-gc"] : [];
    return [g.Deno.execPath(), "run", "-A", ...flags, ...denoFlags, main];
  }
  if (import.meta.url.includes("/$bunfs/")) return [process.execPath, hidden];
  return [process.execPath, main];
}
