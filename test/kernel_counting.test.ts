/**
 * memassert says which kernel it measured on and how that kernel's statm counts RSS
 * (exact, lagging before 6.2, approximate on 6.2–6.15 without the fix): from the version
 * where it tells, else from a probe that faults a known number of pages. Here the probe
 * is forced (MEMASSERT_KERNEL_RSS=probe) and must agree with what the version says.
 */
import { release } from "node:os";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { countingOf } from "../runner/trace/kernel.ts";
import { runCli } from "./helpers/cli.ts";

/** `kernel` of `memassert run --json -- true`; MEMASSERT_KERNEL_RSS is unset unless `env` sets it. */
function kernelOf(env: Record<string, string> = { MEMASSERT_KERNEL_RSS: "" }): { release: string; rss: string; by: string } {
  const r = runCli(["run", "--quiet", "--json", "--", "true"], { env });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).kernel;
}

test("releases map to how their statm counts", () => {
  assert.is(countingOf("6.1.0-57-amd64"), "lagging");
  assert.is(countingOf("5.14.0-427.13.1.el9_4.x86_64"), "lagging");
  assert.is(countingOf("4.18.0-553.el8_10.x86_64"), "lagging");
  assert.is(countingOf("6.2.0"), null);
  assert.is(countingOf("6.12.107+deb12-amd64"), null);
  assert.is(countingOf("6.15.11"), null);
  assert.is(countingOf("6.16.0"), "exact");
  assert.is(countingOf("7.0.1"), "exact");
  assert.is(countingOf("weird"), null);
});

test("--json names this kernel and how its statm counts", () => {
  const k = kernelOf();
  assert.is(k.release, release());
  const byVersion = countingOf(k.release);
  if (byVersion === "exact") assert.equal([k.rss, k.by], ["exact", "version"]);
  else assert.ok(["lagging", "approximate", "exact"].includes(k.rss), k.rss);
});

test("the probe agrees with the version where the version tells", () => {
  const k = kernelOf({ MEMASSERT_KERNEL_RSS: "probe" });
  assert.is(k.by, "probe", "the probe found no majority");
  const byVersion = countingOf(k.release);
  if (byVersion !== null) assert.is(k.rss, byVersion);
});

test("MEMASSERT_KERNEL_RSS can ask for care, and a bad value is a usage error", () => {
  assert.equal(kernelOf({ MEMASSERT_KERNEL_RSS: "lagging" }), { release: release(), rss: "lagging", by: "environment" });
  const r = runCli(["run", "--", "true"], { env: { MEMASSERT_KERNEL_RSS: "sloppy" } });
  assert.is(r.status, 2);
  assert.match(r.stderr, /MEMASSERT_KERNEL_RSS="sloppy": unknown value \(use lagging, approximate or probe/);
});

test.run();
