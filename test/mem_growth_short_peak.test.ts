/**
 * `memassert test`: a case whose peak is short-lived (it writes 64 MiB, drops them and has
 * the runtime give them back before it ends) grows by those 64 MiB, and its peak is at least
 * what the case read itself with the 64 MiB written. The case checks that its RSS did fall:
 * only a tracer stopping the case at the freeing call itself sees the peak, where a reading
 * at the case's end sees what is left.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;

test("a case that drops its 64 MiB before it ends grows by 64 MiB", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-drop64-"));
  try {
    const r = runCli(["test", "test/fixtures/mem/growth/drop64.mem.ts", "--reporter", "json"], { env: { MEMASSERT_FIXTURE_DIR: dir } });
    assert.is(r.status, 0, r.stderr + r.stdout);
    const [c] = (JSON.parse(r.stdout) as TestReport).results;
    assert.is(c.status, "passed", c.failure ?? "");
    assert.ok(c.growth! >= 60 * MiB && c.growth! <= 68 * MiB, `growth ${(c.growth! / MiB).toFixed(2)} MiB (${c.growth} B)`);
    const own = JSON.parse(readFileSync(join(dir, "readings.json"), "utf8")) as { high: number; low: number };
    assert.ok(c.peak! >= own.high && c.peak! - own.high <= 1 * MiB, `peak ${c.peak} B, the case read ${own.high} B with its 64 MiB written`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
