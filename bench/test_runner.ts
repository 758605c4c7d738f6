/**
 * Benchmark: what `memassert test` costs. Each case of a test file runs in a
 * traced process of its own; this measures that against running the same file
 * with the runtime, untraced:
 *
 *  1. per-case overhead: `memassert test` on 20 trivial cases with -j 1,
 *     divided by 20, minus one untraced `RUNTIME FILE` (target ≤ 15 ms);
 *  2. 200 trivial cases with -j 2 against 200 untraced `RUNTIME FILE`
 *     processes two at a time (target ≤ 1.2×);
 *  3. a case that allocates and frees ≥ 1 GiB in small objects, its own
 *     work timed inside the process, traced and untraced (target ≤ 10 %);
 *
 * then, for information, where the time of one trivial case goes: its
 * process untraced, traced as `memassert test` traces it (fast filter until
 * the case arms the exact one) and traced exactly from the start.
 *
 *   bun bench/test_runner.ts [--quick] [--runtime binary|bun|deno] [--runs N] [--only a,b] [--json OUT]
 *
 * It reports and never fails on a missed target: exit 1 only when it cannot
 * run at all (no dist/memassert for --runtime binary, a fixture that fails).
 * Each section is a file of bench/test_runner/; what bench/run.ts uses too is
 * in bench/lib.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { BUN, loadAverage, printMachine } from "./lib.ts";
import { allCells } from "./test_runner/measure.ts";
import { parseArgs, type Section } from "./test_runner/options.ts";
import { DENO, setupFor, useDenoDirs, version, type Context } from "./test_runner/setup.ts";
import { perCaseSection } from "./test_runner/percase.ts";
import { manySection } from "./test_runner/many.ts";
import { allocSection } from "./test_runner/alloc.ts";
import { breakdownSection } from "./test_runner/breakdown.ts";

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const s = setupFor(opts.runtime);
  const only = (x: Section) => !opts.only.length || opts.only.includes(x);
  const tmp = mkdtempSync(join(tmpdir(), "memassert-bench-test-"));
  if (s.runtime === "deno") useDenoDirs(join(tmp, "deno"));
  const times = join(tmp, "times.jsonl");
  const kernel = version(["uname", "-r"]);
  const loadBefore = loadAverage();
  const runs = (full: number, quick: number) => opts.runs || (opts.quick ? quick : full);

  console.log(`# memassert test benchmark (--runtime ${s.runtime})\n`);
  const deno = s.runtime === "deno" ? `, Deno ${version([DENO, "--version"]).replace(/^deno /, "").split(" ")[0]}` : "";
  printMachine(kernel, `Bun ${version([BUN, "--version"])}${deno}`, opts.quick, loadBefore);
  console.log(`${s.note}\n`);
  const doc: Record<string, unknown> = {
    date: new Date().toISOString(), cpus: cpus().length, kernel, bun: version([BUN, "--version"]), runtime: s.runtime,
    quick: opts.quick, note: s.note,
  };
  const targets: Record<string, { limit: number; value: number | null }> = {};
  const ctx: Context = { s, tmp, times, runs, doc, targets };

  if (only("percase")) await perCaseSection(ctx);
  if (only("many")) await manySection(ctx);
  if (only("alloc")) await allocSection(ctx);
  if (only("breakdown")) await breakdownSection(ctx);

  const failures = allCells.filter((c) => c.cell.error).map((c) => `- ${c.label}: ${c.cell.error}`);
  if (failures.length) console.log(`Failures:\n${failures.join("\n")}\n`);

  const loadAfter = loadAverage();
  console.log(`load average after: ${loadAfter}`);
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ ...doc, targets, loadAverage: { before: loadBefore, after: loadAfter } }, null, 2) + "\n");
    console.log(`wrote ${opts.json}`);
  }
  rmSync(tmp, { recursive: true, force: true });
}

await main();
