/**
 * `measure()` inside a case measures the command the case runs: its own peak (a C program
 * that touches 32 MiB, within 16 KiB of the program's own reading), not that of the case's
 * process, which holds 128 MiB. `assertPeakBelow(r, "8 MiB")` then fails the case with a
 * message giving the command, its figure, the limit and by how much.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatBytes, type TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";
import { MiB, near, ROOT_TOLERANCE } from "./helpers/truth.ts";

const FIXTURES = join(ROOT, "test/fixtures/mem/measure");

test("measure() in a case gives the command's own peak; assertPeakBelow fails the case", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-measure-"));
  try {
    const program = join(dir, "touch32");
    execFileSync("gcc", ["-O1", "-g", "-Wall", "-Werror", "-o", program, join(FIXTURES, "touch32.c")], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    const r = runCli(["test", join(FIXTURES, "command.mem.ts"), "--reporter", "json"], {
      env: { MEMASSERT_FIXTURE_PROGRAM: program, MEMASSERT_FIXTURE_DIR: dir },
    });
    assert.is(r.status, 1, r.stderr + r.stdout);
    const truth = Number(/^peak (\d+)$/m.exec(readFileSync(join(dir, "truth"), "utf8"))?.[1]);
    const measured = JSON.parse(readFileSync(join(dir, "measured.json"), "utf8"));
    assert.is(measured.exitCode, 0);
    assert.ok(truth >= 32 * MiB, `the program's own peak is ${truth} B`);
    near(measured.root, truth, ROOT_TOLERANCE, "measure().root.peakRss");
    near(measured.tree, truth, ROOT_TOLERANCE, "measure().tree.peakRss");

    const report = JSON.parse(r.stdout) as TestReport;
    assert.is(report.results.length, 1, r.stdout);
    const [c] = report.results;
    // The case's own process held 128 MiB: its peak is far above the command's.
    assert.ok(c.peak! >= measured.held + 8 * MiB, `case peak ${c.peak}`);
    assert.ok(c.peak! - measured.tree > 64 * MiB, `the command's peak ${measured.tree} is too close to the case's ${c.peak}`);

    assert.is(c.status, "failed");
    const limit = 8 * MiB;
    const want = `BudgetExceededError: ${program} ${join(dir, "truth")}: tree peak ${formatBytes(measured.tree)} ` +
      `is over its limit of ${formatBytes(limit)} by ${formatBytes(measured.tree - limit)} (`;
    assert.ok((c.failure ?? "").startsWith(want), `failure:\n${c.failure}\nwanted it to start with:\n${want}`);
    assert.match(c.failure ?? "", /\bat .*command\.mem\.ts:\d+:\d+/, "the stack points into the test file");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
