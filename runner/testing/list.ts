/**
 * The collector's side: runs in a process of its own (collect_main.ts), loads the
 * project config and each test file in turn, and reports what each declared as a
 * line of JSON. Loading happens here, not in the runner, so that a file that
 * never finishes loading, or ends its process, costs only this process.
 */
import { openSync, readFileSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe } from "../case/describe.ts";
import { provideMemassertModule } from "../case/provide.ts";
import { resetRegistry } from "../case/registry.ts";

/** What the runner asks: a config module to load first (or null), then the files. */
export interface ListRequest {
  config: string | null;
  files: string[];
}

/** One line of the collector's output. */
export type ListLine =
  | { loading: string }
  | { config: string; value?: unknown; error?: string }
  | { file: string; error: string }
  | {
    file: string;
    cases: { name: string; options: unknown; only: boolean; skip: boolean; location: string }[];
    defaults: unknown;
    defaultsLocation: string | null;
  };

/** Why a module whose top-level await can never settle was not loaded. */
export const NEVER_LOADED = "its top level never finished loading: a top-level await never settled";

/** Non-finite numbers become text, so that `budget: 1e400` reaches the runner as what it is. */
function json(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

/** Loads what `request` (a JSON file) names and appends a line per step to `out`. */
export async function listFiles(out: string, request: string): Promise<void> {
  const { config, files } = JSON.parse(readFileSync(request, "utf8")) as ListRequest;
  const fd = openSync(out, "a");
  const emit = (line: ListLine) => {
    let text: string;
    try {
      text = json(line);
    } catch (err) {
      text = json({ file: (line as { file: string }).file, error: `its options cannot be read: ${describe(err)}` });
    }
    writeSync(fd, text + "\n");
  };
  await provideMemassertModule();
  // The runtime is about to exit while a module is still loading: its top-level await can never
  // settle. Said for that module, then the process ends as one that failed, so that the runner
  // starts another for the files after it. (Entry points without a top-level await get here;
  // under one, Deno fails it itself and the runner reads why.)
  let loading: { config: string } | { file: string } | null = null;
  process.once("beforeExit", () => {
    if (loading === null) return;
    emit({ ...loading, error: NEVER_LOADED });
    process.exit(1);
  });
  if (config !== null) {
    emit({ loading: config });
    loading = { config };
    try {
      const mod = await import(pathToFileURL(config).href) as { default?: unknown };
      emit({ config, value: mod.default ?? null });
    } catch (err) {
      emit({ config, error: describe(err) });
    }
  }
  for (const file of files) {
    emit({ loading: file });
    loading = { file };
    const reg = resetRegistry(file);
    try {
      await import(pathToFileURL(file).href);
    } catch (err) {
      emit({ file, error: describe(err) });
      continue;
    }
    emit({
      file,
      cases: reg.cases.map((c) => ({ name: c.name, options: c.options, only: c.only, skip: c.skip, location: c.location })),
      defaults: reg.defaults,
      defaultsLocation: reg.defaultsLocation,
    });
  }
  loading = null;
}
