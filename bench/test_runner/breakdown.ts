/** bench/test_runner.ts, section 4 (informational): where the time of one trivial case goes. */
import { join } from "node:path";
import { fmtMs, ratio, ROOT, show } from "../lib.ts";
import { FIXTURE } from "./options.ts";
import { interleave, memRun, memTest, plain, stripAll, sub } from "./measure.ts";
import { envOf, type Context } from "./setup.ts";

export async function breakdownSection({ s, tmp, runs, doc }: Context): Promise<void> {
  const n = runs(11, 3);
  const verdict = join(tmp, "verdict.json");
  const { argv: child, env: named } = s.child(FIXTURE.one, 0, "trivial", verdict);
  // `memassert run --mode fast` on the case's process traces it as `memassert
  // test` does: the process starts under the fast filter (execs, marks) and
  // adds the exact one itself right before its case (armExact in
  // runner/trace/mark.ts), under any tracer. `--mode exact` traps every
  // RSS-lowering call from the start, loading and GC included: what a case
  // cost before it armed the filter itself.
  const r = await interleave({
    tru: () => plain(["true"], envOf("true")),
    load: () => plain(s.load(FIXTURE.one), envOf("load")),
    child: () => plain(child, envOf("child", named)),
    runTrue: () => memRun(s.memassert, "exact", ["true"], tmp, envOf("run-true")),
    asTest: () => memRun(s.memassert, "fast", child, tmp, envOf("run-fast-child", named)),
    exact: () => memRun(s.memassert, "exact", child, tmp, envOf("run-exact-child", named)),
    test: () => memTest(s.memassert, FIXTURE.one, 1, 1, envOf("test")),
  }, n, `breakdown of one trivial case (${n} runs of each)`);
  const m = (k: keyof typeof r) => r[k].medianMs;
  console.log("## 4. Where one trivial case's time goes (informational)\n");
  console.log("The case's process is the command `memassert test` starts for it (`" + child.map((a) => a.replace(ROOT + "/", "")).join(" ") + "`, with $MEMASSERT_CASE naming its case), run here untraced and under `memassert run`. " +
    "It starts under the fast filter and adds the exact one itself right before its case, under any tracer: `run --mode fast` on it therefore traces it as `memassert test` does (plus one VmHWM read at exit), " +
    "while `run --mode exact` stops it at every RSS-lowering call from the start, loading and GC included, which `memassert test` no longer pays.\n");
  console.log("| command | median | stops | memassert's wallMs |");
  console.log("|---|---:|---:|---:|");
  console.log(`| true, untraced | ${show(r.tru)} | | |`);
  console.log(`| load one.mem.ts untraced | ${show(r.load)} | | |`);
  console.log(`| the case's process, untraced | ${show(r.child)} | | |`);
  console.log(`| memassert run -- true | ${show(r.runTrue)} | ${r.runTrue.stops ?? "—"} | ${fmtMs(r.runTrue.wallMs)} |`);
  console.log(`| memassert run --mode fast -- the case's process (as memassert test traces it) | ${show(r.asTest)} | ${r.asTest.stops ?? "—"} | ${fmtMs(r.asTest.wallMs)} |`);
  console.log(`| memassert run --mode exact -- the case's process (exact from the start) | ${show(r.exact)} | ${r.exact.stops ?? "—"} | ${fmtMs(r.exact.wallMs)} |`);
  console.log(`| memassert test one.mem.ts | ${show(r.test)} | | ${fmtMs(r.test.firstCaseWallMs)} |`);
  console.log("");
  const saved = r.exact.stops === null || r.asTest.stops === null ? null : r.exact.stops - r.asTest.stops;
  const savedMs = sub(r.exact.wallMs, r.asTest.wallMs);
  const perStop = saved ? ratio(savedMs, saved) : null;
  console.log("| part | how | value |");
  console.log("|---|---|---:|");
  console.log(`| the case's process beyond loading the file (libc through FFI for the marks, two full GCs, the exact filter, verdict) | case's process − load | ${fmtMs(sub(m("child"), m("load")))} |`);
  console.log(`| tracing the case's process as memassert test does | wallMs of run --mode fast − untraced case's process | ${fmtMs(sub(r.asTest.wallMs, m("child")))} |`);
  console.log(`| memassert's own start-up | run -- true − true | ${fmtMs(sub(m("runTrue"), m("tru")))} |`);
  console.log(`| test beyond run (the runner collecting the file, its tracer thread, temp dir, verdict, report) | test − run --mode fast on the case's process | ${fmtMs(sub(m("test"), m("asTest")))} |`);
  console.log(`| stops saved by arming the exact filter at the case | stops of run --mode exact − stops of run --mode fast | ${saved ?? "—"} |`);
  console.log(`| their time | wallMs of run --mode exact − wallMs of run --mode fast | ${fmtMs(savedMs)} |`);
  console.log(`| cost per stop | their time / their number | ${perStop === null ? "—" : `${(perStop * 1000).toFixed(0)} µs`} |`);
  console.log("");
  doc.breakdown = {
    cells: stripAll(r),
    childBeyondLoadMs: sub(m("child"), m("load")), tracingAsTestMs: sub(r.asTest.wallMs, m("child")),
    startupMs: sub(m("runTrue"), m("tru")), testBeyondRunMs: sub(m("test"), m("asTest")),
    savedStops: saved, savedMs, perStopUs: perStop === null ? null : perStop * 1000,
  };
}
