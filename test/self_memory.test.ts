/**
 * memassert gates its own memory: while it traces a tree that peaks at ~100 MiB, its own
 * RSS stays under 64 MiB. The outer memassert samples /proc (--mode sample), since the
 * inner one needs ptrace for itself; its --budget applies to its root, the inner memassert.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliCommand, runCli } from "./helpers/cli.ts";

test("memassert's own peak while tracing a 100 MiB tree is under 64 MiB", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-self-"));
  try {
    const outer = join(dir, "outer.json");
    const inner = join(dir, "inner.json");
    const r = runCli([
      "run", "--mode", "sample", "--budget", "64MiB", `--json=${outer}`, "--",
      ...cliCommand(), "run", "--quiet", `--json=${inner}`, "--",
      "sh", "-c", "head -c 100000000 /dev/zero | tail -c 100000000 > /dev/null",
    ]);
    assert.is(r.status, 0, r.stderr);
    const measured = JSON.parse(readFileSync(inner, "utf8"));
    assert.ok(measured.tree.peakRss > 95 * 2 ** 20, `the inner memassert measured ${measured.tree.peakRss} B`);
    const self = JSON.parse(readFileSync(outer, "utf8")).root.peakRss;
    assert.ok(self > 1 << 20 && self < 64 * 2 ** 20, `memassert's own peak: ${self} B`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
