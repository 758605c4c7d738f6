import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import process from "node:process";
import { EXIT } from "../runner/cli/main.ts";
import { spawn } from "node:child_process";
import { cliCommand, ROOT, runCli } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";

/** The lines memassert itself printed, without the summary. */
function errors(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.startsWith("memassert: ") && !/^memassert: (peak|cpu) /.test(l));
}

test("the command's exit status passes through", () => {
  assert.is(runCli(["run", "--", "true"]).status, 0);
  assert.is(runCli(["run", "--", "false"]).status, 1);
  assert.is(runCli(["run", "--", "sh", "-c", "exit 3"]).status, 3);
  assert.is(runCli(["run", "sh", "-c", "exit 42"]).status, 42);
});

test("a command killed by signal N gives 128+N", () => {
  const r = runCli(["run", "--", "sh", "-c", "kill -9 $$"]);
  assert.is(r.status, EXIT.signalBase + 9);
  assert.match(r.stderr, /SIGKILL/);
  assert.is(runCli(["run", "--", "sh", "-c", "kill -TERM $$"]).status, 128 + 15);
});

test("a command not found gives 127 and one line", () => {
  const r = runCli(["run", "--", "memassert-no-such-command"]);
  assert.is(r.status, EXIT.notFound);
  assert.is(r.stderr, "memassert: command not found: memassert-no-such-command (checked PATH)\n");
});

test("a command that is not executable gives 126 and one line", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-"));
  try {
    const script = join(dir, "script.sh");
    writeFileSync(script, "#!/bin/sh\nexit 0\n");
    chmodSync(script, 0o644);
    const r = runCli(["run", "--", script]);
    assert.is(r.status, EXIT.notExecutable);
    assert.is(r.stderr.split("\n").length, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^memassert: not executable: ${script} \\(.*chmod \\+x`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a script whose #! interpreter is missing gives 126 and names the interpreter", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-"));
  try {
    const script = join(dir, "script.sh");
    writeFileSync(script, "#!/nonexistent/interp -x\nexit 0\n");
    chmodSync(script, 0o755);
    const r = runCli(["run", "--", script]);
    assert.is(r.status, EXIT.notExecutable, r.stderr);
    assert.is(r.stderr, `memassert: bad interpreter: ${script} starts with "#!/nonexistent/interp -x", which does not exist (fix the path after #!, or install it)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an exceeded budget gives 99 and says by how much", () => {
  const root = runCli(["run", "--budget", "1KiB", "--", "true"]);
  assert.is(root.status, EXIT.budgetExceeded);
  assert.is(EXIT.budgetExceeded, 99);
  assert.equal(errors(root.stderr).length, 1, root.stderr);
  assert.match(errors(root.stderr)[0], /^memassert: root peak \d+\.\d [KM]iB is over its limit of 1\.0 KiB by \d+\.\d [KM]iB \(\d+\.\d× the limit\); the limit is set in --budget 1KiB$/);

  const tree = runCli(["run", "--quiet", "--budget-tree", "1000", "--", "true"]);
  assert.is(tree.status, EXIT.budgetExceeded);
  assert.match(tree.stderr, /^memassert: tree peak .* is over its limit of 1000 B by .*; the limit is set in --budget-tree 1000\n$/);
});

test("a met budget gives 0; a failing command wins over an exceeded budget", () => {
  assert.is(runCli(["run", "--budget", "1 GiB", "--budget-tree", "1GiB", "--", "true"]).status, 0);
  const r = runCli(["run", "--budget", "1KiB", "--", "sh", "-c", "exit 5"]);
  assert.is(r.status, 5);
  assert.match(r.stderr, /is over its limit of 1\.0 KiB by .*; the limit is set in --budget 1KiB/);
});

test("Ctrl-C (SIGINT) while measuring gives 130 and still reports what was measured", async () => {
  const [exe, ...lead] = cliCommand();
  const mark = `30.${process.pid}2`;
  const cli = spawn(exe, [...lead, "run", "--", "sh", "-c", `echo ready; exec sleep ${mark}`], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  cli.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const status = await new Promise<number | null>((done, fail) => {
    const timer = setTimeout(() => { cli.kill("SIGKILL"); fail(new Error(`no exit after SIGINT: ${stderr}`)); }, 20_000);
    // process.kill, not cli.kill: after cli.kill() Deno reports the signal sent instead of the exit status.
    cli.stdout.setEncoding("utf8").on("data", (d: string) => d.includes("ready") && process.kill(cli.pid!, "SIGINT"));
    cli.on("close", (code) => { clearTimeout(timer); done(code); });
  });
  assert.is(status, EXIT.interrupted, stderr);
  assert.match(stderr, /^memassert: peak .*\nmemassert: interrupted \(SIGINT\)/);
  assert.equal(processesMentioning(mark, { state: true }), [], "nothing is left, stopped or running");
});

test.run();
