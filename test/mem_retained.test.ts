/**
 * `retained` and `heapRetained` tell garbage from what a case keeps: the same 60 MiB of JS
 * objects, once in a cache dropped when the case returns and once leaked into a module-level
 * cache, both fail a 32 MiB growth limit; only the leak fails a 1 MiB heapRetained limit. The
 * figures come from a full GC after the case's end mark: the RSS then (retained) and the JS heap
 * in use (heapRetained), in the JSON, the text and the JUnit reports.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { CaseResult, TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const FIXTURE = "test/fixtures/mem/retained/cache_or_leak.mem.ts";
const GARBAGE = "cache dropped at the end: 60 MiB of garbage";
const LEAK = "cache kept in the module: 60 MiB leaked";

let report: TestReport | null = null;
function ran(): TestReport {
  if (report === null) {
    const r = runCli(["test", "-j", "1", "--reporter", "json", FIXTURE]);
    assert.is(r.status, 1, r.stderr + r.stdout);
    report = JSON.parse(r.stdout) as TestReport;
  }
  return report;
}
const byName = (name: string): CaseResult => {
  const c = ran().results.find((x) => x.name === name);
  assert.ok(c, `no case "${name}"`);
  return c!;
};

test("60 MiB of garbage fails growth 32 MiB and passes heapRetained 1 MiB", () => {
  const c = byName(GARBAGE);
  assert.ok(c.growth! > 40 * MiB, `growth ${c.growth}`);
  assert.ok(c.heapRetained! < 1 * MiB, `heapRetained ${c.heapRetained}`);
  // The allocator may keep some pages, but not the 60 MiB the case dropped.
  assert.ok(c.retained! < 16 * MiB, `retained ${c.retained}`);
  assert.is(c.heapRetainedBudget, 1 * MiB);
  assert.match(c.failure ?? "", /^growth \d+\.\d MiB is over its limit of 32\.0 MiB/);
  assert.not.match(c.failure ?? "", /^(heap )?retained/m);
});

test("60 MiB kept fails both growth 32 MiB and heapRetained 1 MiB, and retains its RSS", () => {
  const c = byName(LEAK);
  assert.ok(c.heapRetained! > 55 * MiB && c.heapRetained! < 70 * MiB, `heapRetained ${c.heapRetained}`);
  assert.ok(c.retained! > 55 * MiB, `retained ${c.retained}`);
  const lines = (c.failure ?? "").split("\n");
  assert.is(lines.length, 2, c.failure ?? "");
  assert.match(lines[0], /^growth \d+\.\d MiB is over its limit of 32\.0 MiB/);
  assert.match(lines[1], /^heap retained \d+\.\d MiB is over its limit of 1\.0 MiB by \d+\.\d MiB \((\+\d+\.\d %|\d+\.\d× the limit)\); the limit is set in test\("cache kept in the module/);
  assert.is(c.headroom, 1 * MiB - c.heapRetained!);
});

test("each run carries its own retained figures", () => {
  for (const c of ran().results) {
    assert.is(c.runs.length, 1);
    assert.is(c.runs[0].retained, c.retained);
    assert.is(c.runs[0].heapRetained, c.heapRetained);
  }
});

test("the text and JUnit reports show them beside peak and growth", () => {
  const text = runCli(["test", "-j", "1", FIXTURE]);
  const line = text.stdout.split("\n").find((l) => l.includes(LEAK)) ?? "";
  assert.match(line, /peak \S+ MiB {2}growth \S+ MiB {2}retained \S+ MiB {2}heap retained \S+ MiB .* heap retained budget 1\.0 MiB/);
  const junit = runCli(["test", "-j", "1", "--reporter", "junit", FIXTURE]).stdout;
  assert.match(junit, /<property name="heapRetained" value="\d+"\/>/);
  assert.match(junit, /<property name="retained" value="-?\d+"\/>/);
  assert.match(junit, /<property name="heapRetainedBudget" value="1048576"\/>/);
});

test.run();
