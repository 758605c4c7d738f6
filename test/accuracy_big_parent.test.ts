/**
 * A tiny C program measured from inside a test process that itself holds 500 MiB must
 * report its own small peak (< 4 MiB, within 16 KiB of its own statm reading), not its
 * parent's.
 *
 * Why a naive tool fails: the kernel's ru_maxrss (wait4, GNU time, hyperfine, Bun's
 * resourceUsage) is inherited across execve from the address space the program was
 * exec'd from; the fixture reads its own ru_maxrss, and when started directly by this
 * 500 MiB process it reports ≥ 500 MiB for a ~1 MiB program (checked below).
 * GNU `time -f %M` is not used to show it: time forks the program from its own small
 * address space, so its figure is honest here (1.1 MiB seen from a 500 MiB Bun).
 */
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { MiB, near, ROOT_TOLERANCE, truthFile } from "./helpers/truth.ts";

test("a tiny program run from a 500 MiB parent reports its own small peak", async () => {
  const prog = compileFixture("tiny");
  const ballast = new Uint8Array(500 * MiB).fill(1);
  const traced = truthFile();
  const plain = truthFile();
  try {
    const r = await measure([prog, traced.path], { mode: "exact", stdout: "ignore", stderr: "inherit" });
    const t = traced.read();
    assert.is(r.exitCode, 0);
    assert.is(r.processes.length, 1);
    assert.ok(r.root.peakRss < 4 * MiB, `root peakRss ${r.root.peakRss} B is not < 4 MiB`);
    near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");

    // The lie memassert avoids: the same program spawned plainly by this process.
    const run = spawnSync(prog, [plain.path], { stdio: "ignore" });
    assert.is(run.status, 0);
    const p = plain.read();
    assert.ok(p.peak < 4 * MiB, `plain run statm ${p.peak} B`);
    assert.ok(p.maxrss >= 500 * MiB, `ru_maxrss of the plain run is ${p.maxrss} B: expected the parent's ≥ 500 MiB`);
  } finally {
    traced.remove();
    plain.remove();
  }
  assert.is(ballast[ballast.length - 1], 1); // keeps the 500 MiB alive until here
});

test.run();
