/**
 * The accuracy fixtures on Debian's Linux 6.1, booted under qemu, measured by the compiled
 * executable (dist/memassert): every root peak within 64 KiB and every tree peak within 1 %
 * of the truth, as on the host. On 6.1 each thread keeps up to 64 page faults' worth of RSS
 * out of /proc/PID/statm, so the fixtures take their truths from smaps_rollup, a page-table
 * walk (test/vm/cases.ts).
 *
 * Why a naive tool fails there: statm reads low at every stop, and VmHWM is built from the
 * same counters. memassert reading statm alone reported 4 KiB for a program holding
 * 696 KiB, and a thread's 128 MiB 796 KiB short.
 *
 * Runs once per `npm test`, in the Bun pass (it tests the executable, not the runtime).
 * test/run.sh provisions qemu, the kernel and busybox first (test/vm/provision.sh); where
 * that cannot be done the test is reported skipped, with the reason.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeasureResult, TestReport } from "../mod.ts";
import { countingOf } from "../runner/trace/kernel.ts";
import { ROOT } from "./helpers/cli.ts";
import { KiB, MiB } from "./helpers/truth.ts";
import { CASES, checkCase, kitFor, parseTruths, runCases } from "./vm/cases.ts";
import { printFile } from "./vm/vm.ts";

const kit = kitFor("6.1");

if ("skip" in kit) {
  console.log(`\n  vm_linux_6_1: skipped: ${kit.skip}`);
  test.skip(`every accuracy fixture on Linux 6.1 in a VM (skipped: ${kit.skip})`, () => {});
} else {
  let out = new Map<string, string>();
  const worst = { root: 0, tree: 0 };

  test(`Linux ${kit.release} boots under qemu and runs every fixture with dist/memassert`, () => {
    const mem = ["keep64.mem.ts", "nothing.mem.ts"].map((f) => ({ path: `/m/${f}`, from: `${ROOT}test/fixtures/mem/growth/${f}`, mode: 0o644 }));
    out = runCases(kit, CASES, [
      "/bin/memassert run --quiet --json=/tmp/kernel.json -- /bin/true",
      "/bin/memassert run --quiet --mode fast --json=/tmp/fast.json -- /fx/nostdlib /tmp/fast.truth",
      "(cd /m && /bin/memassert test -j 1 --reporter json keep64.mem.ts nothing.mem.ts > /tmp/mem.json 2>&1)",
      printFile("kernel.json", "/tmp/kernel.json"),
      printFile("fast.json", "/tmp/fast.json"),
      printFile("fast.truth", "/tmp/fast.truth"),
      printFile("mem.json", "/tmp/mem.json"),
    ], mem);
  });

  test("on 6.1 memassert test measures a case's growth from exact marks", () => {
    const report = JSON.parse(out.get("mem.json") ?? "null") as TestReport;
    assert.ok(report, `no report: ${out.get("mem.json")}`);
    const keep = report.results.find((c) => c.name === "keep 64 MiB");
    const nothing = report.results.find((c) => c.name === "allocate nothing");
    assert.ok(keep?.growth != null && Math.abs(keep.growth - 64 * MiB) <= 2 * MiB, `keep 64 MiB grew ${keep?.growth} B`);
    assert.ok(nothing?.growth != null && nothing.growth >= 0 && nothing.growth < 2 * MiB, `allocate nothing grew ${nothing?.growth} B`);
  });

  test("on 6.1 memassert finds that statm lags, and its probe agrees with the version", () => {
    const r = JSON.parse(out.get("kernel.json") ?? "null") as MeasureResult;
    assert.is(countingOf(kit.release), "lagging");
    assert.equal(r?.kernel, { release: kit.release, rss: "lagging", by: "probe" });
  });

  test("on 6.1 fast mode says it can read low, and does", () => {
    const fast = JSON.parse(out.get("fast.json") ?? "null") as MeasureResult;
    const t = parseTruths(out.get("fast.truth"));
    assert.ok(fast, "no fast-mode result");
    assert.match(fast.approximate ?? "", /This kernel \(6\.1\.[^)]*\) counts RSS as kernels before 6\.2 do/);
    assert.ok(t.peak > 0 && fast.root.peakRss < t.peak, `fast mode read ${fast.root.peakRss} B, truth ${t.peak} B`);
  });

  for (const c of CASES) {
    test(`on 6.1: ${c.name}`, () => {
      const r = checkCase(c, out, worst);
      assert.is(r.kernel.rss, "lagging");
    });
  }

  test.after(() => {
    console.log(`  worst on 6.1: root ${(worst.root / KiB).toFixed(0)} KiB off, tree ${(worst.tree * 100).toFixed(3)} % off`);
  });
}

test.run();
