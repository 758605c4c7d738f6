/**
 * `memtest` for `Deno.test`: a test whose body has the memassert executable run the case in a
 * traced `deno run` process of its own, so that the test process needs only --allow-run.
 */
import { fileURLToPath } from "node:url";
import type { CaseOptions } from "../../runner/budget/types.ts";
import { currentLookup, offer } from "../../runner/case/keyed.ts";
import type { PluginCase } from "../../runner/case/plugin.ts";
import { checkOptions, type Declaration, type MemtestFn, placeIn, readArgs } from "../common/declare.ts";
import { failureText } from "../common/outcome.ts";
import { executables, runRemote } from "../common/remote.ts";
import { captureSite, errorAt } from "../common/site_error.ts";
import { envIfAllowed, missingRunPermission, spawnDeno } from "./spawn.ts";

/** A case's limits, and Deno.test's `only` and `ignore`. */
export interface MemtestOptions extends CaseOptions {
  /** Run only the tests marked `only` (the run then exits 1, as Deno.test's `only` does). */
  only?: boolean;
  /** Declare the case but do not run it. */
  ignore?: boolean;
}

/** The options-object form: `memtest({ name, growth: "16 MiB", fn })`. */
export interface MemtestDefinition extends MemtestOptions {
  name: string;
  fn: MemtestFn;
}

/** Declares a memory case in `deno test`. */
export interface Memtest {
  (name: string, fn: MemtestFn): void;
  (name: string, options: MemtestOptions, fn: MemtestFn): void;
  (definition: MemtestDefinition): void;
  /** Declares a case with `only: true`. */
  only: Memtest;
  /** Declares a case with `ignore: true`. */
  ignore: Memtest;
}

type AnyFn = (...args: never[]) => unknown;
type Flags = { only?: boolean; ignore?: boolean };

/** The case's process: memassert's case runner for Deno, beside this module. */
const CASE_RUNNER = import.meta.url.endsWith(".ts")
  ? new URL("./case.ts", import.meta.url).pathname
  : new URL("./deno_case.js", import.meta.url).pathname;

function read(args: unknown[], flags: Flags): { d: Declaration; flags: Flags } {
  if (args.length === 1 && args[0] !== null && typeof args[0] === "object") {
    const { name, fn, only, ignore, ...options } = args[0] as MemtestDefinition;
    return { d: readArgs("memtest", [name, options, fn]), flags: { only: only ?? flags.only, ignore: ignore ?? flags.ignore } };
  }
  const d = readArgs("memtest", args);
  const { only, ignore, ...options } = d.options as MemtestOptions;
  return { d: { ...d, options }, flags: { only: only ?? flags.only, ignore: ignore ?? flags.ignore } };
}

function declare(caller: AnyFn, args: unknown[], given: Flags): void {
  const { d, flags } = read(args, given);
  const lookup = currentLookup();
  // In a case's process the file is the one it was asked to load; in a test process, the test module.
  const file = lookup ? lookup.request.file : fileURLToPath(Deno.mainModule);
  const place = placeIn(file, caller);
  checkOptions("memtest", d, place);
  if (lookup) {
    offer({ file, site: place.site, name: d.name }, { fn: d.fn });
    return;
  }
  const frames = captureSite(caller);
  const c: PluginCase = {
    file, name: d.name, site: place.site, location: place.location, options: d.options, call: "memtest",
    command: [Deno.execPath(), "run", "-A", "--v8-flags=--expose-gc", CASE_RUNNER], lateExact: true,
    config: { names: ["deno.json", "deno.jsonc"], from: file, flag: "--config", none: "--no-config" },
    extra: { front: "deno" },
  };
  try {
    Deno.test({ name: d.name, only: flags.only, ignore: flags.ignore, sanitizeOps: false, sanitizeResources: false, fn: () => run(c, frames) });
  } catch (error) {
    if (!/Nested Deno\.test/.test(String(error))) throw error;
    throw new TypeError(
      `memtest("${d.name}") must be called at the module's top level, not inside a test or t.step(): ` +
        "its case's process finds it by loading the module again",
    );
  }
}

async function run(c: PluginCase, frames: string): Promise<void> {
  const all = executables([[Deno.execPath(), "run", "-A"]], envIfAllowed);
  const allowed = [];
  for (const exe of all) if (await missingRunPermission(exe[0]) === null) allowed.push(exe);
  if (allowed.length === 0) {
    throw errorAt(frames, `memtest("${c.name}") needs to start memassert, which traces the case: run deno test with --allow-run ` +
      `(or --allow-run=${all.map((e) => e[0]).join(",")})`);
  }
  const { result } = await runRemote(c, allowed, spawnDeno);
  if (result.status === "failed") throw errorAt(frames, failureText(result));
}

function variant(flags: Flags): Memtest {
  // A statement, not `=> declare(…)`: a runtime with proper tail calls would drop this frame.
  const m = ((...args: unknown[]) => {
    declare(m, args, flags);
  }) as Memtest;
  return m;
}

/**
 * Declares a memory case in `deno test`: a test whose body runs `fn` alone in a traced
 * `deno run` process of its own and fails, at this line, when its peak or growth goes over its
 * limit (`budget`, `growth`; also `runs`, `timeout`, `killAbove`), with `memassert test`'s
 * message. Call it at the module's top level. The test process needs only `--allow-run`.
 *
 * @example
 * ```ts
 * import { memtest } from "memassert/deno";
 * memtest("parse 10k rows", { growth: "16 MiB" }, () => {
 *   parseCsv(makeCsv(10_000));
 * });
 * memtest({ name: "index 100k rows", growth: "64 MiB", fn: () => indexRows(100_000) });
 * ```
 */
export const memtest: Memtest = Object.assign(variant({}), { only: variant({ only: true }), ignore: variant({ ignore: true }) });
