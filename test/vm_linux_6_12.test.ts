/**
 * Debian's Linux 6.12 under qemu: a version memassert cannot judge alone (6.2–6.15 kept
 * approximate per-CPU counters until the fix, which Debian's 6.12 carries), so its probe
 * decides, and must find statm exact there: memassert then reads statm only, as on the
 * newest kernels. A few accuracy fixtures check the peaks there too.
 *
 * Runs once per `npm test`, in the Bun pass, like test/vm_linux_6_1.test.ts; skipped, with
 * the reason, where qemu or the kernel cannot be had.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeasureResult } from "../mod.ts";
import { countingOf } from "../runner/trace/kernel.ts";
import { CASES, checkCase, kitFor, runCases } from "./vm/cases.ts";
import { printFile } from "./vm/vm.ts";

const kit = kitFor("6.12");
const cases = CASES.filter((c) => ["malloc_free", "thread_alloc", "two_children_together", "shared_anon"].includes(c.name));

if ("skip" in kit) {
  console.log(`\n  vm_linux_6_12: skipped: ${kit.skip}`);
  test.skip(`Linux 6.12 in a VM: the probe finds statm exact (skipped: ${kit.skip})`, () => {});
} else {
  let out = new Map<string, string>();
  const worst = { root: 0, tree: 0 };

  test(`Linux ${kit.release} boots under qemu and runs fixtures with dist/memassert`, () => {
    out = runCases(kit, cases, [
      "/bin/memassert run --quiet --json=/tmp/kernel.json -- /bin/true",
      printFile("kernel.json", "/tmp/kernel.json"),
    ]);
  });

  test("on 6.12 the version cannot tell, and the probe finds statm exact", () => {
    assert.is(countingOf(kit.release), null);
    const r = JSON.parse(out.get("kernel.json") ?? "null") as MeasureResult;
    assert.equal(r?.kernel, { release: kit.release, rss: "exact", by: "probe" });
  });

  for (const c of cases) {
    test(`on 6.12: ${c.name}`, () => {
      assert.is(checkCase(c, out, worst).kernel.rss, "exact");
    });
  }
}

test.run();
