/**
 * `memtest` for uvu: an ordinary uvu test whose body runs the case in a traced process of its
 * own. uvu has no plugin API and no name filter, so the case's process loads the test file
 * with uvu's queue deferred (nothing runs) and calls the one function the request names.
 */
import { test as uvuTest } from "uvu";
import type { CaseOptions } from "../../runner/budget/types.ts";
import { fullStack, outermostFile } from "../../runner/case/key.ts";
import { currentLookup, offer } from "../../runner/case/keyed.ts";
import type { PluginCase, PluginOutcome } from "../../runner/case/plugin.ts";
import { checkOptions, type Declaration, placeIn, readArgs } from "../common/declare.ts";
import { failureText, report } from "../common/outcome.ts";
import { executables, runRemote } from "../common/remote.ts";
import { spawnNode } from "../common/spawn_node.ts";
import { captureSite, errorAt } from "../common/site_error.ts";

/** uvu's context: the suite's state, with the names uvu puts in it. */
export type UvuContext = Record<string, unknown> & { __suite__?: string; __test__?: string };

/** A case's limits, and what runs around it in its process, outside what is measured. */
export interface MemtestOptions extends CaseOptions {
  /** Runs before the case, in its process, outside what is measured (uvu's hooks do not run there). */
  setup?: (context: UvuContext) => unknown;
  /** Runs after the case, in its process, outside what is measured. */
  teardown?: (context: UvuContext) => unknown;
}

/** A case body; it gets a context of its own, which `setup` may fill. */
export type UvuMemtestFn = (context: UvuContext) => unknown;

/** A uvu suite, as `suite()` returns it (or uvu's `test`). */
export interface UvuSuite {
  (name: string, fn: (context: UvuContext) => unknown): void;
  only(name: string, fn: (context: UvuContext) => unknown): void;
  skip(name?: string, fn?: (context: UvuContext) => unknown): void;
  run(): void;
}

/** Declares a memory case in uvu, in `suite` or in uvu's default `test`. */
export interface Memtest {
  (name: string, fn: UvuMemtestFn): void;
  (name: string, options: MemtestOptions, fn: UvuMemtestFn): void;
  (suite: UvuSuite, name: string, fn: UvuMemtestFn): void;
  (suite: UvuSuite, name: string, options: MemtestOptions, fn: UvuMemtestFn): void;
  /** Runs only this test (and others marked `only`) of its suite. */
  only: Memtest;
  /** Declares the case but does not run it. */
  skip: Memtest;
}

type AnyFn = (...args: never[]) => unknown;
type Variant = "run" | "only" | "skip";

const fromSource = import.meta.url.endsWith(".ts");
/** memassert's own files: a case's file is the outermost frame that is none of these. */
const OWN = fromSource ? [new URL("../../plugins/", import.meta.url).pathname, new URL("../../runner/", import.meta.url).pathname] : [new URL("./", import.meta.url).pathname];
const CASE_RUNNER = fromSource ? new URL("./case.ts", import.meta.url).pathname : new URL("./uvu_case.js", import.meta.url).pathname;

function isSuite(v: unknown): v is UvuSuite {
  return typeof v === "function" && typeof (v as Partial<UvuSuite>).run === "function" && typeof (v as Partial<UvuSuite>).only === "function";
}

function declare(caller: AnyFn, variant: Variant, args: unknown[]): void {
  const suite = isSuite(args[0]) ? args.shift() as UvuSuite : uvuTest as unknown as UvuSuite;
  const d = readArgs("memtest", args);
  const { setup, teardown, ...options } = d.options as MemtestOptions;
  const lookup = currentLookup();
  const file = lookup?.request.file ?? outermostFile(fullStack(caller), (p) => OWN.some((dir) => p.startsWith(dir)));
  if (file === null) throw new Error(`memtest("${d.name}"): cannot tell which file declares it from the call stack`);
  const place = placeIn(file, caller);
  const declared: Declaration = { ...d, options };
  checkOptions("memtest", declared, place);
  if (lookup) {
    offer({ file, site: place.site, name: d.name }, { fn: d.fn, extra: { setup, teardown } });
    return;
  }
  const frames = captureSite(caller);
  const handler = (context: UvuContext) => run(declared, place, frames, context);
  if (variant === "run") suite(d.name, handler);
  else suite[variant](d.name, handler);
}

/** How to start the case's process under this runtime, and whether it arms the exact filter itself. */
function caseCommand(): { command: string[]; lateExact: boolean; config?: PluginCase["config"] } {
  const g = globalThis as { Bun?: unknown; Deno?: { execPath(): string } };
  if (g.Deno) {
    return { command: [g.Deno.execPath(), "run", "-A", "--v8-flags=--expose-gc", CASE_RUNNER], lateExact: true };
  }
  if (g.Bun) return { command: [process.execPath, CASE_RUNNER], lateExact: true };
  // Node has no FFI: it marks with kill() and cannot add the exact filter, so it starts under it.
  return { command: [process.execPath, "--expose-gc", CASE_RUNNER], lateExact: false };
}

async function run(d: Declaration, place: { file: string; site: string; location: string }, frames: string, context: UvuContext): Promise<void> {
  const suiteName = context.__suite__ || "";
  const c: PluginCase = {
    file: place.file, name: d.name, fullName: suiteName ? `${suiteName} › ${d.name}` : d.name, site: place.site,
    location: place.location, options: d.options, call: "memtest", ...caseCommand(), extra: { front: "uvu", suite: suiteName },
  };
  let outcome: PluginOutcome;
  if ((globalThis as { Bun?: unknown }).Bun) {
    // Bun traces in this process; the tracer is loaded only here, never under Node.
    outcome = await (await import("../../runner/case/plugin.ts")).runPluginCase(c);
    report(outcome.result);
  } else {
    // Under Node: $MEMASSERT_BIN, the platform package's executable, else the CLI on Bun or Deno from the PATH.
    const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;
    const runtimes = deno ? [[deno.execPath(), "run", "-A"]] : [["bun"], ["deno", "run", "-A"]];
    outcome = await runRemote(c, executables(runtimes, (name) => process.env[name]), spawnNode);
  }
  if (outcome.result.status === "failed") throw errorAt(frames, failureText(outcome.result));
}

function variant(v: Variant): Memtest {
  // A statement, not `=> declare(…)`: JavaScriptCore drops a frame that tail-calls, and the
  // stack is read from above this one.
  const m = ((...args: unknown[]) => {
    declare(m, v, args);
  }) as Memtest;
  return m;
}

/**
 * Declares a memory case in uvu: an ordinary test of `suite` (uvu's `test` when none is given)
 * whose body runs `fn` alone in a traced process of its own (Node, Bun or Deno, whichever runs
 * uvu) and fails, at this line, when its peak or growth goes over its limit, with
 * `memassert test`'s message. Suite hooks do not run in the case's process: use the `setup`
 * and `teardown` options.
 *
 * @example
 * ```ts
 * import { suite } from "uvu";
 * import { memtest } from "memassert/uvu";
 * const csv = suite("csv");
 * memtest(csv, "parse 10k rows", { growth: "16 MiB", setup: (ctx) => { ctx.text = makeCsv(10_000); } }, (ctx) => {
 *   parseCsv(ctx.text as string);
 * });
 * csv.run();
 * ```
 */
export const memtest: Memtest = Object.assign(variant("run"), { only: variant("only"), skip: variant("skip") });
