/**
 * Learns the cases of the test files, and the project config, by loading them in a process of
 * its own (list.ts): a file that never finishes loading is given up after the load timeout, and
 * one that ends its process (`process.exit()` at its top level) is reported, without ending or
 * hanging the run. The collector is started again for the files after a failed one.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Layer, resolveOptions } from "../budget/limits.ts";
import type { CaseOptions } from "../budget/types.ts";
import { denoConfigFlags } from "../case/deno_config.ts";
import { printable } from "../report/text.ts";
import { entryCommand, RUNTIME_ENTRIES } from "../trace/entry.ts";
import { type ListLine, type ListRequest, NEVER_LOADED } from "./list.ts";
import type { CaseInfo, FileError } from "./types.ts";

/** What loading gave: the config module's default export (when one was asked for), cases and failures. */
export interface Collected {
  config: { value: unknown } | { error: string } | null;
  cases: CaseInfo[];
  fileErrors: FileError[];
}

/** Options of {@link collect}. */
export interface CollectOptions {
  /** A config module to load before the files, or null. */
  config: string | null;
  /**
   * The layers applied to every case below its own options and its file's defaults (command
   * line, config), given the config module's default export when one was loaded.
   */
  layers: (config: unknown) => Layer[];
  /** Milliseconds a file (or the config) may take to load. */
  loadTimeoutMs: number;
  cwd: string;
  signal?: AbortSignal;
}

type Loaded = Extract<ListLine, { cases: unknown }>;

/** Loads the config and `files` in collector processes; never throws for a bad file. */
export async function collect(files: string[], o: CollectOptions): Promise<Collected> {
  const out: Collected = { config: null, cases: [], fileErrors: [] };
  const loaded = new Map<string, Loaded | FileError>();
  let config = o.config;
  let pending = [...files];
  while ((config !== null || pending.length > 0) && !o.signal?.aborted) {
    const { lines, failure } = await runCollector({ config, files: pending }, o);
    let current: string | null = null;
    for (const line of lines) {
      if ("loading" in line) current = line.loading;
      else if ("config" in line) {
        out.config = line.error !== undefined ? { error: line.error } : { value: line.value };
        current = null;
      } else {
        loaded.set(line.file, "cases" in line ? line : { file: line.file, message: line.error });
        current = null;
      }
    }
    if (current === null && failure !== null && lines.length === 0) {
      // The collector itself could not start: every file gets the reason.
      for (const file of pending) loaded.set(file, { file, message: failure });
      break;
    }
    if (current !== null) {
      const why = failure ?? "its loading process ended without a word";
      if (current === config) out.config = { error: why };
      else loaded.set(current, { file: current, message: why });
    }
    if (config !== null && out.config !== null) config = null;
    pending = pending.filter((f) => !loaded.has(f));
    if (failure === null) break;
  }
  if (out.config && "error" in out.config) return out;
  const layers = o.layers(out.config === null ? undefined : out.config.value);
  for (const file of files) {
    const entry = loaded.get(file);
    if (entry === undefined) continue;
    if ("message" in entry) out.fileErrors.push(entry);
    else {
      const found = cases(entry, layers);
      if (Array.isArray(found)) out.cases.push(...found);
      else out.fileErrors.push(found);
    }
  }
  return out;
}

/** The cases of a loaded file with their resolved limits, or why its limits are wrong. */
function cases(l: Loaded, layers: Layer[]): CaseInfo[] | FileError {
  const fileLayer: Layer[] = l.defaultsLocation === null
    ? []
    : [{ options: l.defaults as CaseOptions, source: `defaults({ … }) at ${l.defaultsLocation}` }];
  try {
    return l.cases.map((c, index) => ({
      file: l.file, index, name: c.name, only: c.only, skip: c.skip, location: c.location,
      options: resolveOptions({ name: c.name, location: c.location, options: c.options as CaseOptions }, [...fileLayer, ...layers]),
    }));
  } catch (err) {
    return { file: l.file, message: (err as Error).message };
  }
}

/**
 * Runs one collector over `request`. `failure` says why it stopped early (a load timeout, the
 * process ending while a file loaded) with the end of what it printed; null when it finished.
 */
async function runCollector(request: ListRequest, o: CollectOptions): Promise<{ lines: ListLine[]; failure: string | null }> {
  const dir = mkdtempSync(join(tmpdir(), "memassert-collect-"));
  const outPath = join(dir, "lines"), requestPath = join(dir, "request.json"), logPath = join(dir, "output");
  writeFileSync(requestPath, JSON.stringify(request));
  writeFileSync(outPath, "");
  const log = openSync(logPath, "w");
  const [exe, ...args] = entryCommand(RUNTIME_ENTRIES.collectMain, "__collect", denoConfigFlags(o.cwd));
  let lines: ListLine[] = [];
  let timedOut: string | null = null;
  try {
    const child = spawn(exe, [...args, outPath, requestPath], {
      cwd: o.cwd, stdio: ["ignore", log, log], env: { ...process.env, NO_COLOR: "1" },
    });
    const read = () => {
      const text = readFileSync(outPath, "utf8");
      lines = text.slice(0, text.lastIndexOf("\n") + 1).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
      return lines;
    };
    // Each file gets its own time: the clock restarts whenever the collector starts the next one.
    let loading = "", since = performance.now();
    const watch = setInterval(() => {
      const last = [...read()].reverse().find((l) => "loading" in l) as { loading: string } | undefined;
      if (last && last.loading !== loading) [loading, since] = [last.loading, performance.now()];
      if (performance.now() - since > o.loadTimeoutMs) {
        timedOut = `did not finish loading within ${o.loadTimeoutMs} ms (a top-level await that never settles?); ` +
          "give it longer with --load-timeout";
        child.kill("SIGKILL");
      }
    }, 25);
    const onAbort = () => child.kill("SIGKILL");
    o.signal?.addEventListener("abort", onAbort);
    const end = await new Promise<{ code: number | null; signal: string | null } | Error>((resolve) => {
      child.on("error", resolve);
      child.on("exit", (code, signal) => resolve({ code, signal }));
    }).finally(() => {
      clearInterval(watch);
      o.signal?.removeEventListener("abort", onAbort);
    });
    read();
    if (end instanceof Error) return { lines, failure: `cannot start the process that loads test files: ${end.message}` };
    const done = lines.length > 0 && !("loading" in lines[lines.length - 1]);
    if (timedOut === null && end.code === 0 && (done || lines.length === 0 && request.files.length === 0)) return { lines, failure: null };
    const printed = tail(printable(readFileSync(logPath, "utf8")));
    if (timedOut !== null) return { lines, failure: printed ? `${timedOut}\nIt printed:\n${printed}` : timedOut };
    // Deno ends a process whose top-level await can never settle, saying so.
    if (printed.includes("Top-level await promise never resolved")) {
      return { lines, failure: NEVER_LOADED };
    }
    const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
    const why = `its process ${how} while it loaded: a test file must not end the process (process.exit, Deno.exit)`;
    return { lines, failure: printed ? `${why}\nIt printed:\n${printed}` : why };
  } finally {
    closeSync(log);
    rmSync(dir, { recursive: true, force: true });
  }
}

function tail(text: string, max = 2000): string {
  const t = text.trim();
  return t.length > max ? "…" + t.slice(-max) : t;
}
