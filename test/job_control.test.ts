/**
 * SIGSTOP and job control behave as without memassert: a process that stops stays stopped
 * (its parent's waitpid(WUNTRACED) sees it, and it runs on only after SIGCONT), and a shell
 * that stops itself waits for SIGCONT before it goes on.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { cliCommand, ROOT } from "./helpers/cli.ts";

test("a stopped child stays stopped until SIGCONT, and its parent sees the stop", async () => {
  const prog = compileFixture("job_control");
  assert.is(spawnSync(prog).status, 0, "untraced");
  for (const mode of ["exact", "fast"] as const) {
    const r = await measure([prog], { mode });
    assert.is(r.exitCode, 0, `${mode}: exit ${r.exitCode} (1: ran on while stopped, 2: stop not seen, 3: wrong end)`);
  }
});

test("memassert run -- sh -c 'kill -STOP $$; echo resumed': the shell stays stopped until SIGCONT", async () => {
  const [exe, ...lead] = cliCommand();
  const cli = spawn(exe, [...lead, "run", "--quiet", "--", "sh", "-c", "kill -STOP $$; echo resumed"], {
    cwd: ROOT, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  cli.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  const ended = new Promise<number | null>((done) => cli.on("exit", (code) => done(code)));
  // Wait (up to 20 s, the machine may be loaded) for the shell to exist and be stopped.
  let shell = 0;
  for (let waited = 0; waited < 20_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    shell = shellOf(cli.pid!);
    if (shell > 0 && stopped(shell)) break;
  }
  assert.ok(shell > 0, "the shell is there");
  assert.ok(stopped(shell), `the shell stopped itself (state ${stateOf(shell)})`);
  // Still stopped a moment later, and it printed nothing meanwhile.
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(stopped(shell), `the shell went on while stopped (state ${stateOf(shell)})`);
  assert.is(stdout, "", "the shell went on while stopped");
  process.kill(Number(shell), "SIGCONT");
  assert.is(await ended, 0);
  assert.is(stdout, "resumed\n");
});

/** The first child of `pid`, or 0 when it has none yet. */
function shellOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ")[0]) || 0;
  } catch {
    return 0;
  }
}

/** Whether `pid` is stopped: `T`, or `t` as a traced process in its group stop shows. */
function stopped(pid: number): boolean {
  return /^[Tt]$/.test(stateOf(pid));
}

/** The state letter of process `pid`, or "" when it is gone. */
function stateOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    return "";
  }
}

test.run();
