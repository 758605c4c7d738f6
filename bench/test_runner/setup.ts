/** bench/test_runner.ts: the commands of each runtime, and what every section is given. */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeRequest } from "../../runner/case/request.ts";
import { BUN, ROOT } from "../lib.ts";
import type { Runtime } from "./options.ts";

export const DENO = join(ROOT, "node_modules/.bin/deno");
const DIST = join(ROOT, "dist/memassert");

export interface Setup {
  runtime: Runtime;
  /** memassert itself; "test …" or "run …" follows. */
  memassert: string[];
  /** The runtime on a file, untraced: the baseline. */
  load(file: string): string[];
  /**
   * A case's own process, the command `memassert test` starts for it. Mirrors
   * caseCommand() in runner/case/run.ts, which cannot be imported for
   * this: it answers for the runtime that imports it (Bun, here), from where
   * it is loaded. The runtime is named by its real path, as process.execPath
   * and Deno.execPath() name it. The case is named by a request file beside `verdict`,
   * which `env` names, as memassert test does.
   */
  child(file: string, index: number, name: string, verdict: string): { argv: string[]; env: Env };
  note: string;
}

/** What main() gives each section; a section adds its figures to `doc` and `targets`. */
export interface Context {
  s: Setup;
  /** A temporary directory, removed at the end. */
  tmp: string;
  /** The file alloc1g.mem.ts appends its times to. */
  times: string;
  /** The runs of each alternative: --runs, else `quick` with --quick, else `full`. */
  runs(full: number, quick: number): number;
  doc: Record<string, unknown>;
  targets: Record<string, { limit: number; value: number | null }>;
}

export type Env = Record<string, string | undefined>;
/** Under Deno: a directory holding one DENO_DIR per alternative (see envOf). */
let denoDirs: string | null = null;

/** Gives every alternative a DENO_DIR of its own under `dir` (see envOf). */
export function useDenoDirs(dir: string): void {
  denoDirs = dir;
}

/**
 * The environment of one alternative. Under Deno each gets a DENO_DIR of its
 * own, so that what one alternative leaves in Deno's caches (modules, V8 code
 * cache) cannot speed up or slow down another: each runs against the caches
 * it warmed itself. The runner and its own children share theirs, as they do
 * for a user.
 */
export function envOf(key: string, extra: Env = {}): Env {
  return { ...process.env, ...(denoDirs ? { DENO_DIR: join(denoDirs, key) } : {}), ...extra };
}

/** The command of a case's process, and the environment naming its case. */
function caseProcess(argv: string[], file: string, index: number, name: string, verdict: string): { argv: string[]; env: Env } {
  return { argv, env: writeRequest(dirname(verdict), { file, index, name, verdict }) };
}

export function setupFor(runtime: Runtime): Setup {
  const childMain = join(ROOT, "runner/case/case_main.ts");
  const bin = join(ROOT, "runner/bin.ts");
  switch (runtime) {
    case "binary": {
      if (!existsSync(DIST)) {
        console.error(`${DIST} is not built: node_modules/.bin/bun build/compile.ts (or --runtime bun|deno)`);
        process.exit(1);
      }
      return {
        runtime,
        memassert: [DIST],
        load: (f) => [BUN, f],
        child: (f, i, n, v) => caseProcess([DIST, "__case"], f, i, n, v),
        note: `memassert: ${DIST} (compiled${staleNote()}); baseline: bun FILE`,
      };
    }
    case "bun":
      return {
        runtime,
        memassert: [BUN, bin],
        load: (f) => [BUN, f],
        child: (f, i, n, v) => caseProcess([realpathSync(BUN), childMain], f, i, n, v),
        note: "memassert: bun runner/bin.ts (sources); baseline: bun FILE",
      };
    case "deno":
      return {
        runtime,
        memassert: [DENO, "run", "-A", bin],
        load: (f) => [DENO, "run", "-A", f],
        child: (f, i, n, v) => caseProcess([realpathSync(DENO), "run", "-A", childMain], f, i, n, v),
        note: "memassert: deno run -A runner/bin.ts (sources); baseline: deno run -A FILE; each alternative with a DENO_DIR of its own",
      };
  }
}

/** A warning when a source of runner/ or ffi/ is newer than dist/memassert. */
function staleNote(): string {
  const built = statSync(DIST).mtimeMs;
  const newer: string[] = [];
  for (const dir of ["runner", "ffi"]) {
    for (const name of readdirSync(join(ROOT, dir), { recursive: true }) as string[]) {
      if (name.endsWith(".ts") && statSync(join(ROOT, dir, name)).mtimeMs > built) newer.push(`${dir}/${name}`);
    }
  }
  return newer.length ? `, OLDER than ${newer.slice(0, 3).join(", ")}${newer.length > 3 ? "…" : ""}: rebuild with bun build/compile.ts` : "";
}

export function version(cmd: string[]): string {
  const r = Bun.spawnSync({ cmd, stdout: "pipe", stderr: "pipe" });
  return r.stdout.toString().split("\n")[0].trim();
}
