/**
 * `memassert test`: a case whose peak is short-lived (it writes 64 MiB, drops them and has
 * the runtime give them back before it ends) grows by those 64 MiB. The case checks that its
 * RSS did fall; only a tracer stopping the case at the freeing call itself sees the peak,
 * where a reading at the case's end sees what is left.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;

test("a case that drops its 64 MiB before it ends grows by 64 MiB", () => {
  const r = runCli(["test", "test/fixtures/mem/growth/drop64.mem.ts", "--reporter", "json"]);
  assert.is(r.status, 0, r.stderr + r.stdout);
  const [c] = (JSON.parse(r.stdout) as TestReport).results;
  assert.is(c.status, "passed", c.failure ?? "");
  assert.ok(c.growth! >= 60 * MiB && c.growth! <= 68 * MiB, `growth ${(c.growth! / MiB).toFixed(2)} MiB (${c.growth} B)`);
  assert.ok(c.peak! >= c.runs[0].baseline + 60 * MiB, `peak ${c.peak} B, baseline ${c.runs[0].baseline} B`);
});

test.run();
