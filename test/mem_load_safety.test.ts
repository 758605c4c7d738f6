/**
 * Loading test files cannot end or hang the run: a file that calls process.exit() at its top
 * level, or whose top level never settles, is reported as a file that could not be loaded
 * (the second after --load-timeout), and the other files' cases still run. A config module
 * that never settles is a config error (exit 2), not a hang.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { EXIT } from "../runner/cli/main.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const LOAD = join(ROOT, "test/fixtures/mem/load");

test("a file that exits or never settles is a file error; the others run", () => {
  const files = ["exits.mem.ts", "never.mem.ts", "fine.mem.ts"].map((f) => join(LOAD, f));
  const r = runCli(["test", "--reporter", "json", "--load-timeout", "3000", ...files], { timeoutMs: 60_000 });
  assert.is(r.status, EXIT.testsFailed, r.stderr + r.stdout);
  const report = JSON.parse(r.stdout) as TestReport;
  const errors = Object.fromEntries(report.fileErrors.map((e) => [e.file.slice(e.file.lastIndexOf("/") + 1), e.message]));
  assert.match(errors["exits.mem.ts"] ?? "", /exited with code 0 while it loaded: a test file must not end the process/);
  // Bun gives up on it after --load-timeout; Deno ends a process whose top level cannot settle.
  assert.match(errors["never.mem.ts"] ?? "", /did not finish loading within 3000 ms|a top-level await never settled/);
  assert.equal(report.results.map((c) => [c.name, c.status]), [["runs although other files could not be loaded", "passed"]]);
});

test("a config module that never settles is a config error, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-config-"));
  try {
    writeFileSync(join(dir, "memassert.config.mjs"), "await new Promise(() => {});\nexport default {};\n");
    const r = runCli(["test", "--load-timeout", "1000", join(LOAD, "fine.mem.ts")], { cwd: dir, timeoutMs: 60_000 });
    assert.is(r.status, EXIT.usage, r.stderr + r.stdout);
    assert.match(r.stderr, /Cannot load .*memassert\.config\.mjs: (did not finish loading within 1000 ms|its top level never finished)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
