/**
 * `memtest` for `bun test`: a `bun:test` test whose body runs the case in a traced process of
 * its own and fails with `memassert test`'s message when it goes over a limit.
 */
import { test } from "bun:test";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { DEFAULT_LOAD_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from "../../runner/budget/limits.ts";
import type { CaseOptions } from "../../runner/budget/types.ts";
import { type PluginCase, runPluginCase } from "../../runner/case/plugin.ts";
import { checkOptions, type Declaration, formatName, type MemtestFn, placeIn, readArgs } from "../common/declare.ts";
import { failureText, report } from "../common/outcome.ts";
import { writeCaseConfig } from "./bunfig.ts";
import { FRONT, lookup, offerHere } from "./child.ts";
import { describeLabels } from "./junit.ts";

type BunTest = (name: string, fn: () => Promise<void>, options: { timeout: number }) => void;
type AnyFn = (...args: never[]) => unknown;

/** Declares a memory case in `bun test`. */
export interface Memtest {
  (name: string, fn: MemtestFn): void;
  (name: string, options: CaseOptions, fn: MemtestFn): void;
  /** Runs only this test (and others marked `only`) in its file. */
  only: Memtest;
  /** Declares the case but does not run it. */
  skip: Memtest;
  /** A case to write (a name alone will do): not run unless `bun test --todo`. */
  todo: Memtest & ((name: string) => void);
  /** Declares the case when `condition` is true, else skips it. */
  if(condition: boolean): Memtest;
  /** One case per row of `table`; the name may use `%s`, `%d`, `%p`, `%#`, `$key`…, and `fn` gets the row's values. */
  each<const Row extends readonly unknown[]>(table: readonly Row[]): EachMemtest<Row>;
  each<const Row>(table: readonly Row[]): EachMemtest<[Row]>;
}

/** `memtest.each(table)`: declares one case per row; `fn` gets the row's values as its arguments. */
export type EachMemtest<Args extends readonly unknown[]> = {
  (name: string, fn: (...row: [...Args]) => unknown): void;
  (name: string, options: CaseOptions, fn: (...row: [...Args]) => unknown): void;
};

// Serial: the memory cases of a file never run at the same time as each other, even under
// --concurrent (each is measured alone in its process; running them together only slows each).
const serial = test.serial;

function declare(variant: BunTest, caller: AnyFn, d: Declaration, row?: number): void {
  const place = placeIn(Bun.main, caller);
  if (row !== undefined) place.site += `#${row}`;
  checkOptions("memtest", d, place);
  if (lookup !== null) return offerHere({ file: place.file, site: place.site, name: d.name }, d.fn);
  // Created here, at the caller's line: Bun reports a failure (and its GitHub annotation) where
  // the Error was made, so the user sees their own memtest() line.
  const site = new Error("memtest");
  Error.captureStackTrace(site, caller);
  // Read now: JavaScriptCore works the lines out lazily, and once the module's top-level code
  // is gone it places the frame at the end of the call instead.
  void site.stack;
  const runs = d.options.runs ?? 1;
  // Each run may load its file and exit within the load timeout, and run its body within its own.
  const timeout = ((d.options.timeout ?? DEFAULT_TIMEOUT_MS) + 2 * DEFAULT_LOAD_TIMEOUT_MS) * runs + 30_000;
  variant(d.name, () => run(d, place, site), { timeout });
}

async function run(d: Declaration, place: { file: string; site: string; location: string }, site: Error): Promise<void> {
  const token = `memassert_case_${randomUUID().replaceAll("-", "")}`;
  const cwd = process.cwd();
  const c: PluginCase = {
    file: place.file, name: d.name, site: place.site, location: place.location, options: d.options, call: "memtest",
    command: [process.execPath, "test", place.file, "-t", token], cwd, lateExact: true, extra: { front: FRONT, token },
  };
  const { result, extra } = await runPluginCase(c, {
    args: (dir) => [`--config=${writeCaseConfig(cwd, dir)}`, "--reporter=junit", `--reporter-outfile=${join(dir, "junit.xml")}`],
    collect: (dir) => ({ describes: describeLabels(join(dir, "junit.xml"), token) }),
  });
  const labels = extra?.describes;
  if (Array.isArray(labels) && labels.length) result.name = [...labels, d.name].join(" › ");
  report(result);
  if (result.status !== "failed") return;
  site.message = failureText(result, cleanOutput);
  throw site;
}

/** What the case printed, without what `bun test` prints around it in the case's process. */
function cleanOutput(output: string): string {
  return output.split("\n").filter((l) =>
    !/^bun test v\d/.test(l) && !/^\((pass|fail|skip|todo)\) /.test(l) && !/^ \d+ (pass|fail|skip|todo|filtered out)$/.test(l) &&
    !/^Ran \d+ tests? across/.test(l) && !/^\S.*\.(test|spec)\.[cm]?[jt]sx?:$/.test(l) && !/^\s+\d+ expect\(\) calls$/.test(l)
  ).join("\n").trim();
}

function variantOf(base: BunTest, todo = false): Memtest {
  const m = ((...args: unknown[]) => {
    // A todo may be only a name: nothing to run or to find again.
    if (todo && args.length === 1 && typeof args[0] === "string") return (base as unknown as (name: string) => void)(args[0]);
    declare(base, m, readArgs("memtest", args));
  }) as Memtest;
  return m;
}

function build(): Memtest {
  const m = variantOf(serial as unknown as BunTest);
  // Read only when used: under CI, Bun throws as soon as `test.only` is touched.
  const lazy = (name: "only" | "skip" | "todo") => ({
    get: () => variantOf(serial[name] as unknown as BunTest, name === "todo"),
  });
  Object.defineProperties(m, { only: lazy("only"), skip: lazy("skip"), todo: lazy("todo") });
  m.if = (condition: boolean) => variantOf(serial.if(condition) as unknown as BunTest);
  m.each = <Row>(table: readonly Row[]) => {
    const each = ((name: string, a: CaseOptions | ((...row: never[]) => unknown), b?: (...row: never[]) => unknown) => {
      const [options, fn] = typeof a === "function" ? [{}, a] : [a, b];
      table.forEach((row, i) => {
        const d = readArgs("memtest", [formatName(name, row, i), options, fn]);
        const args = (Array.isArray(row) ? row : [row]) as never[];
        declare(serial as unknown as BunTest, each, { ...d, fn: () => (fn as (...r: never[]) => unknown)(...args) }, i);
      });
    }) as EachMemtest<never>;
    return each;
  };
  return m;
}

/**
 * Declares a memory case in `bun test`: a test whose body runs `fn` alone in a traced
 * `bun test` process of its own and fails, at this line, when its peak or its growth goes over
 * its limit (`budget`, `growth`; also `runs`, `timeout`, `killAbove`), with the same message as
 * `memassert test`.
 *
 * @example
 * ```ts
 * import { memtest } from "memassert/bun";
 * memtest("parse 10k rows", { growth: "16 MiB" }, () => {
 *   parseCsv(makeCsv(10_000));
 * });
 * memtest.each([1_000, 10_000])("parse %d rows", { growth: "16 MiB" }, (n) => parseCsv(makeCsv(n)));
 * ```
 */
export const memtest: Memtest = build();
