import { assertPeakBelow, measure, test } from "memassert";

// measure() inside a case budgets a command the case runs: here `sort` on a
// million lines, which must stay under 128 MiB however sort splits its work.
// Against the baseline, this case's ~3 MiB of growth (measure() starting its tracer) may move
// by 10 % and 2 MiB: it moves by up to ±1.6 MiB from run to run.
test("sort a million lines", { timeout: 20_000, tolerance: { growth: "+10% 2MiB" } }, async () => {
  const r = await measure(["sh", "-c", "seq 1 1000000 | sort -r > /dev/null"]);
  if (r.exitCode !== 0) throw new Error(`sort failed with ${r.exitCode}`);
  assertPeakBelow(r, "128 MiB");
});
