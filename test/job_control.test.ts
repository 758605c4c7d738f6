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
  await new Promise((r) => setTimeout(r, 500));
  assert.is(stdout, "", "the shell went on while stopped");
  const shell = readFileSync(`/proc/${cli.pid}/task/${cli.pid}/children`, "utf8").trim().split(" ")[0] ||
    spawnSync("pgrep", ["-P", String(cli.pid)], { encoding: "utf8" }).stdout.trim();
  assert.ok(Number(shell) > 0, "the shell is there");
  process.kill(Number(shell), "SIGCONT");
  assert.is(await ended, 0);
  assert.is(stdout, "resumed\n");
});

test.run();
