/** bench/test_runner.ts, section 2: 200 trivial cases with -j 2 against 200 untraced runs two at a time. */
import { check, fmtMs, fmtX, ratio, show } from "../lib.ts";
import { FIXTURE, TARGET } from "./options.ts";
import { interleave, memTest, pool, strip } from "./measure.ts";
import { envOf, type Context } from "./setup.ts";

export async function manySection({ s, runs, doc, targets }: Context): Promise<void> {
  const n = runs(5, 2);
  const r = await interleave({
    test: () => memTest(s.memassert, FIXTURE.many, 2, 200, envOf("test")),
    untraced: () => pool(s.load(FIXTURE.many), 200, 2, envOf("load")),
  }, n, `200 cases (${n} runs of each)`);
  const x = ratio(r.test.medianMs, r.untraced.medianMs);
  const best = ratio(r.test.minMs, r.untraced.minMs);
  console.log("## 2. 200 trivial cases, two at a time\n");
  console.log("`memassert test trivial200.mem.ts -j 2` against 200 untraced runs of the same file by the runtime, two at a time (a pool of Bun.spawn in this script). Medians of whole commands.\n");
  console.log("| | median | fastest | per case |");
  console.log("|---|---:|---:|---:|");
  console.log(`| memassert test -j 2 | ${show(r.test)} | ${fmtMs(r.test.minMs)} | ${fmtMs(ratio(r.test.medianMs, 100))} (per lane) |`);
  console.log(`| 200 × untraced, 2 at a time | ${show(r.untraced)} | ${fmtMs(r.untraced.minMs)} | ${fmtMs(ratio(r.untraced.medianMs, 100))} (per lane) |`);
  console.log(`| a case's process, spawn to reap (the tracer's wallMs) | ${fmtMs(r.test.caseWallMs)} | | |`);
  console.log(`| the runner's time for a case | ${fmtMs(r.test.caseRunnerMs)} | | |`);
  console.log(`\nmemassert/untraced: ${fmtX(x)} (target ≤ ${TARGET.manyRatio}×)${check(x, TARGET.manyRatio)}; fastest runs: ${fmtX(best)}${check(best, TARGET.manyRatio)}\n`);
  targets.manyRatio = { limit: TARGET.manyRatio, value: x };
  doc.many = { test: strip(r.test), untraced: strip(r.untraced), ratio: x, bestRatio: best };
}
