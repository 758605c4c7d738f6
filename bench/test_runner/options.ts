/** bench/test_runner.ts: its fixtures, targets and options. */
import { join } from "node:path";
import { parseOptions, ROOT } from "../lib.ts";

const MEM = join(ROOT, "bench/mem");
export const FIXTURE = {
  one: join(MEM, "one.mem.ts"),
  twenty: join(MEM, "trivial20.mem.ts"),
  many: join(MEM, "trivial200.mem.ts"),
  alloc: join(MEM, "alloc1g.mem.ts"),
};
/** The variable through which alloc1g.mem.ts reports the time of its work. */
export const TIMES_ENV = "MEMASSERT_BENCH_TIMES";
/** The name of alloc1g.mem.ts's one case (its process is started by name, as memassert test does). */
export const ALLOC_CASE = "allocate and free 1 GiB in small objects";

/** Targets the README states; checked here, never enforced. */
export const TARGET = { perCaseMs: 15, manyRatio: 1.2, allocOverhead: 0.10 };

export type Runtime = "binary" | "bun" | "deno";
export const SECTIONS = ["percase", "many", "alloc", "breakdown"] as const;
export type Section = (typeof SECTIONS)[number];

export function parseArgs(argv: string[]) {
  const usage = `usage: bun bench/test_runner.ts [--quick] [--runtime binary|bun|deno] [--runs N] [--only ${SECTIONS.join(",")}] [--json OUT]`;
  const opts = { quick: false, runs: 0, runtime: "binary" as Runtime, only: [] as Section[], json: "" };
  return parseOptions(argv, opts, usage, (a, value) => {
    if (a === "--runtime") {
      const v = value();
      if (v !== "binary" && v !== "bun" && v !== "deno") throw new RangeError(`--runtime must be binary, bun or deno, got "${v}"`);
      opts.runtime = v;
    } else if (a === "--only") {
      for (const s of value().split(",")) {
        if (!(SECTIONS as readonly string[]).includes(s)) throw new RangeError(`--only: no section "${s}" (${SECTIONS.join(", ")})`);
        opts.only.push(s as Section);
      }
    } else return false;
    return true;
  });
}
