/** bench/test_runner.ts, section 1: the overhead of a case, from 1 and 20 trivial cases with -j 1. */
import { check, fmtMs, ratio, show } from "../lib.ts";
import { FIXTURE, TARGET } from "./options.ts";
import { interleave, memTest, plain, stripAll, sub } from "./measure.ts";
import { envOf, type Context } from "./setup.ts";

export async function perCaseSection({ s, runs, doc, targets }: Context): Promise<void> {
  const n = runs(11, 3);
  const r = await interleave({
    test1: () => memTest(s.memassert, FIXTURE.one, 1, 1, envOf("test")),
    test20: () => memTest(s.memassert, FIXTURE.twenty, 1, 20, envOf("test")),
    load1: () => plain(s.load(FIXTURE.one), envOf("load")),
    load20: () => plain(s.load(FIXTURE.twenty), envOf("load")),
  }, n, `per case (${n} runs of each)`);
  const perCase = sub(ratio(r.test20.medianMs, 20), r.load20.medianMs);
  const marginal = r.test20.medianMs === null || r.test1.medianMs === null ? null
    : sub((r.test20.medianMs - r.test1.medianMs) / 19, r.load20.medianMs);
  const startup = r.test20.medianMs === null || r.test1.medianMs === null ? null
    : r.test1.medianMs - (r.test20.medianMs - r.test1.medianMs) / 19;
  console.log("## 1. Per-case overhead\n");
  console.log("Medians of whole commands (start-up included). T1, T20: `memassert test FILE -j 1` on one.mem.ts (1 trivial case) and trivial20.mem.ts (20); U1, U20: the same files run untraced by the runtime, which only registers the cases.\n");
  console.log("| | median | fastest |");
  console.log("|---|---:|---:|");
  console.log(`| T1 = memassert test one.mem.ts | ${show(r.test1)} | ${fmtMs(r.test1.minMs)} |`);
  console.log(`| T20 = memassert test trivial20.mem.ts -j 1 | ${show(r.test20)} | ${fmtMs(r.test20.minMs)} |`);
  console.log(`| U1 = untraced one.mem.ts | ${show(r.load1)} | ${fmtMs(r.load1.minMs)} |`);
  console.log(`| U20 = untraced trivial20.mem.ts | ${show(r.load20)} | ${fmtMs(r.load20.minMs)} |`);
  console.log("");
  console.log("Inside T20 (from `--reporter json`; medians over cases 2–20 of every run, and over the first cases):\n");
  console.log("| per case | cases 2–20 | first case |");
  console.log("|---|---:|---:|");
  console.log(`| the runner's time for the case (\`results[].wallMs\`: temp dir, tracing, process, verdict) | ${fmtMs(r.test20.caseRunnerMs)} | ${fmtMs(r.test20.firstCaseRunnerMs)} |`);
  console.log(`| the case's process, spawn to reap (\`results[].runs[].wallMs\`, the tracer's) | ${fmtMs(r.test20.caseWallMs)} | ${fmtMs(r.test20.firstCaseWallMs)} |`);
  console.log(`| the runner's own part (the difference) | ${fmtMs(sub(r.test20.caseRunnerMs, r.test20.caseWallMs))} | ${fmtMs(sub(r.test20.firstCaseRunnerMs, r.test20.firstCaseWallMs))} |`);
  console.log("");
  console.log("| figure | how | value |");
  console.log("|---|---|---:|");
  console.log(`| **extra per case** | T20 / 20 − U20 (runner start-up spread over 20 cases) | **${fmtMs(perCase)}**${check(perCase, TARGET.perCaseMs)} |`);
  console.log(`| marginal extra per case | (T20 − T1) / 19 − U20 (no start-up) | ${fmtMs(marginal)} |`);
  console.log(`| fixed cost, raw | T1 − U1 | ${fmtMs(sub(r.test1.medianMs, r.load1.medianMs))} |`);
  console.log(`| fixed cost without its case | T1 − (T20 − T1) / 19: runner start-up, collecting the file, report | ${fmtMs(startup)} |`);
  console.log(`\nextra per case: ${fmtMs(perCase)} (target ≤ ${TARGET.perCaseMs} ms)${check(perCase, TARGET.perCaseMs)}\n`);
  targets.perCaseMs = { limit: TARGET.perCaseMs, value: perCase };
  doc.perCase = {
    cells: stripAll(r),
    perCaseMs: perCase, marginalMs: marginal, fixedRawMs: sub(r.test1.medianMs, r.load1.medianMs), startupMs: startup,
  };
}
