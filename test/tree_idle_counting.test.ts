/**
 * Sparing idle processes: in a tree of many processes, a stop reads only the stopped process
 * when page-fault counts show that nothing else faulted since it was last read. On random
 * trees of idle children that wake to allocate and free while their parent churns, the
 * tree's peak must be the fixture's own: the highest sum of every process's RSS that the
 * parent read while holding its block, each child idle. Children that take memory with
 * mmap(MAP_POPULATE), which makes it resident without a single page fault, too.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { KiB, near, truthFile } from "./helpers/truth.ts";

test("random idle trees: tree peaks exact, sparing idle processes or reading them all", async () => {
  const prog = compileFixture("idle_tree");
  for (const [children, seed, how] of [[24, 1, "touch"], [40, 7, "touch"], [64, 1234, "touch"], [32, 99, "populate"]] as const) {
    for (const countFaults of [true, false]) {
      const truth = truthFile();
      try {
        const r = await measure([prog, String(children), "200", String(seed), truth.path, how], { countFaults, stdout: "ignore" });
        assert.is(r.exitCode, 0);
        assert.is(r.processes.length, children + 1);
        const mode = countFaults ? "sparing idle processes" : "reading every process";
        near(r.tree.peakRss, truth.read().peak, 16 * KiB * (children + 1), `${children} children (${how}), seed ${seed}, ${mode}: tree peakRss`);
      } finally {
        truth.remove();
      }
    }
  }
});

test.run();
