/** bench/test_runner.ts, section 3: a case that allocates and frees ≥ 1 GiB, its work timed traced and untraced. */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { check, fmtMs, median, ratio, show } from "../lib.ts";
import { ALLOC_CASE, FIXTURE, TARGET, TIMES_ENV } from "./options.ts";
import { fmtMiB, fmtPct, interleave, memRun, memTest, plain, stripAll, sub, withWork, type Cell } from "./measure.ts";
import { envOf, type Context } from "./setup.ts";

export async function allocSection({ s, tmp, times, runs, doc, targets }: Context): Promise<void> {
  const n = runs(7, 3);
  // The case's own process, as memassert test starts it: the work then runs
  // as a case (after loading the runner's modules and two full GCs), which
  // separates what being a case costs from what tracing it costs.
  const child = s.child(FIXTURE.alloc, 0, ALLOC_CASE, join(tmp, "verdict.json"));
  const env = (key: string) => envOf(key, { [TIMES_ENV]: times, ...child.env });
  rmSync(times, { force: true });
  const direct = s.load(FIXTURE.alloc);
  const r = await interleave({
    untraced: () => withWork(plain(direct, env("load")), times),
    test: () => withWork(memTest(s.memassert, FIXTURE.alloc, 1, 1, env("test")), times),
    child: () => withWork(plain(child.argv, env("child")), times),
    childAsTest: () => withWork(memRun(s.memassert, "fast", child.argv, tmp, env("run-fast-child")), times),
    exact: () => withWork(memRun(s.memassert, "exact", direct, tmp, env("run-exact")), times),
    fast: () => withWork(memRun(s.memassert, "fast", direct, tmp, env("run-fast")), times),
  }, n, `1 GiB of small objects (${n} runs of each)`);
  const bytes = median(Object.values(r).flatMap((c) => (c as Cell).runs.map((x) => x.workBytes).filter((b): b is number => !!b)));
  const over = sub(ratio(r.test.work, r.untraced.work), 1);
  const overBest = sub(ratio(r.test.workMin, r.untraced.workMin), 1);
  const asCase = sub(ratio(r.child.work, r.untraced.work), 1);
  const tracing = sub(ratio(r.test.work, r.child.work), 1);
  console.log("## 3. A case that allocates and frees ≥ 1 GiB\n");
  console.log(`bench/mem/alloc1g.mem.ts: 400 batches of 50 000 small objects (each with a 4-element array), each batch dropped for the next; ≈ ${fmtMiB(bytes)} allocated and freed in all (one batch's heap growth × 400, from process.memoryUsage(); rough). The work times itself with performance.now() and appends the figure to the file named by $${TIMES_ENV}, in every row; memassert's own start-up and the file's loading are not in it. ` +
    "The case's process is the command `memassert test` starts for the case, here run untraced and under `memassert run --mode fast`, which traces it as `memassert test` does (the process arms the exact filter itself as the case starts).\n");
  console.log("| | work (median) | work (fastest) | whole command | stops | peak RSS |");
  console.log("|---|---:|---:|---:|---:|---:|");
  console.log(`| untraced (${s.runtime === "deno" ? "deno run -A" : "bun"} FILE) | ${fmtMs(r.untraced.work)} | ${fmtMs(r.untraced.workMin)} | ${show(r.untraced)} | | |`);
  console.log(`| memassert test FILE | ${fmtMs(r.test.work)} | ${fmtMs(r.test.workMin)} | ${show(r.test)} | | |`);
  console.log(`| the case's process, untraced (informational) | ${fmtMs(r.child.work)} | ${fmtMs(r.child.workMin)} | ${show(r.child)} | | |`);
  console.log(`| memassert run --mode fast -- the case's process (as memassert test traces it; informational) | ${fmtMs(r.childAsTest.work)} | ${fmtMs(r.childAsTest.workMin)} | ${show(r.childAsTest)} | ${r.childAsTest.stops ?? "—"} | ${fmtMiB(r.childAsTest.peak)} |`);
  console.log(`| memassert run --mode exact -- FILE (informational) | ${fmtMs(r.exact.work)} | ${fmtMs(r.exact.workMin)} | ${show(r.exact)} | ${r.exact.stops ?? "—"} | ${fmtMiB(r.exact.peak)} |`);
  console.log(`| memassert run --mode fast -- FILE (informational) | ${fmtMs(r.fast.work)} | ${fmtMs(r.fast.workMin)} | ${show(r.fast)} | | ${fmtMiB(r.fast.peak)} |`);
  console.log(`\nof which being a case (the case's process untraced / untraced FILE − 1): ${fmtPct(asCase)}; tracing the case (memassert test / the case's process untraced − 1): ${fmtPct(tracing)}`);
  console.log(`\ntracing overhead of the case (test work / untraced work − 1): ${fmtPct(over)} (target ≤ ${fmtPct(TARGET.allocOverhead).replace("+", "")})${check(over, TARGET.allocOverhead)}; fastest runs: ${fmtPct(overBest)}${check(overBest, TARGET.allocOverhead)}\n`);
  targets.allocOverhead = { limit: TARGET.allocOverhead, value: over };
  doc.alloc = {
    cells: stripAll(r),
    bytes, overhead: over, bestOverhead: overBest, asCaseOverhead: asCase, tracingOverhead: tracing,
  };
}
