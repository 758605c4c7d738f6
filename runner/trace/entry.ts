/**
 * Entry points that memassert starts at run time, in a thread or a process of
 * their own: the tracer's Worker and a test case's process. Both builds
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
  /** A test case's process when memassert is not one compiled executable. */
  caseMain: { source: "runner/case/case_main.ts", out: "case_main" },
} as const satisfies Record<string, Entry>;

const fromSource = import.meta.url.endsWith(".ts");

/** Where `entry` is: its source from a checkout, or its output beside this bundled module. */
export function entryUrl(entry: Entry): URL {
  return fromSource ? new URL(`../../${entry.source}`, import.meta.url) : new URL(`./${entry.out}.js`, import.meta.url);
}
