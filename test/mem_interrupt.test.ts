/**
 * Ctrl-C (SIGINT), SIGTERM or SIGHUP during memassert test: the running cases are killed and
 * reported as interrupted, the cases not started are reported as skipped, the report is still
 * written to --outfile, memassert exits 128 + the signal's number (130, 143, 129), and no
 * case's process is left behind.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { cliCommand, ROOT } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";

// The quick case has a file of its own, listed first: it is printed once it has passed.
const QUICK = "test/fixtures/mem/interrupt/quick.mem.ts";
const FILE = "test/fixtures/mem/interrupt/slow.mem.ts";

for (const [signal, code] of [["SIGINT", EXIT.interrupted], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
test(`${signal} stops the run, reports and writes every case, leaves nothing`, async () => {
  assert.equal(processesMentioning("interrupt/slow.mem.ts"), [], "a process of an earlier run is still there");
  const [exe, ...lead] = cliCommand();
  const dir = mkdtempSync(join(tmpdir(), "memassert-interrupt-"));
  const outfile = join(dir, "report.json");
  const cli = spawn(exe, [...lead, "test", "-j", "2", "--outfile", outfile, QUICK, FILE], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "", stderr = "";
  cli.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const t0 = performance.now();
  const status = await new Promise<number | null>((done, fail) => {
    const timer = setTimeout(() => {
      cli.kill("SIGKILL");
      fail(new Error(`no exit after SIGINT: ${stdout}${stderr}`));
    }, 15_000);
    cli.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      // Both slow cases are running once the quick one has passed and 200 ms have gone by.
      if (d.includes("✓ quick")) setTimeout(() => process.kill(cli.pid!, signal), 200);
    });
    cli.on("close", (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
  assert.is(status, code, stdout + stderr);
  assert.ok(performance.now() - t0 < 12_000, "did not wait for the slow cases");
  assert.match(stdout, /✗ slow one\b.*\n +interrupted: the test run was stopped before this case ended/);
  assert.match(stdout, /✗ slow two\b.*\n +interrupted/);
  assert.match(stdout, /- never started {2}skipped/);
  assert.match(stdout, /\n1 passed, 2 failed, 1 skipped in \d[^\n]*\n$/);
  assert.equal(processesMentioning("interrupt/slow.mem.ts"), []);
  const written = JSON.parse(readFileSync(outfile, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  assert.equal(written.results.map((r: { status: string }) => r.status).sort(), ["failed", "failed", "passed", "skipped"]);
});
}

test.run();
