/**
 * A case's process is `bun test` again, with a config of its own made from the project's
 * bunfig.toml: the preloads (a setup file, and memassert/bun itself, whose matchers then need
 * no import) and the define reach it, and the project's rerunEach does not make it run twice.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

test("preload and define kept, rerunEach=2 repeats the test but not its case's process", () => {
  const tmp = mkdtempSync(join(tmpdir(), "memassert-bunfig-"));
  const runs = join(tmp, "runs");
  try {
    const r = runIn(`${ROOT}test/fixtures/bun/project`, [BUN, "test"], { RUNS_FILE: runs });
    assert.is(r.status, 0, r.all);
    assert.match(r.all, /4 pass\n 0 fail/);
    assert.is(readFileSync(runs, "utf8"), "ran\nran\n", "the case ran other than once per pass");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
