/**
 * Ctrl-C while the traced tree forks as fast as it can: a task created as the tree is being
 * killed (first seen after the cancel, or sitting in a ptrace stop with SIGKILL pending) is
 * killed too. memassert ends with 130 every time, promptly, and leaves nothing behind, stopped
 * or orphaned. A second Ctrl-C ends it at once.
 */
import { spawn } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { cliCommand, ROOT } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";

const MARK = `${process.pid}.7373`;
const FORKS = `for i in $(seq 1 300); do sleep ${MARK} & done; wait`;

/** Starts `memassert run` on the forking tree; SIGINT after `delayMs` (and again after `againMs`). */
async function interrupt(delayMs: number, againMs?: number): Promise<{ status: number | string | null; ms: number; stderr: string }> {
  const [exe, ...lead] = cliCommand();
  const cli = spawn(exe, [...lead, "run", "--", "sh", "-c", FORKS], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  cli.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const ended = new Promise<number | string | null>((done) => cli.on("exit", (code, signal) => done(code ?? signal)));
  await new Promise((r) => setTimeout(r, delayMs));
  const t0 = performance.now();
  cli.kill("SIGINT");
  if (againMs !== undefined) setTimeout(() => cli.kill("SIGINT"), againMs);
  const status = await Promise.race([ended, new Promise<string>((r) => setTimeout(() => r("hung"), 10_000))]);
  if (status === "hung") cli.kill("SIGKILL");
  return { status, ms: performance.now() - t0, stderr };
}

async function nothingLeft(): Promise<void> {
  let left = processesMentioning(MARK, { state: true });
  for (let i = 0; i < 40 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = processesMentioning(MARK, { state: true });
  }
  assert.equal(left, [], "no process of the tree is left, stopped or running");
}

test("Ctrl-C at random moments while the tree forks: 130 every time, nothing left", async () => {
  for (let run = 0; run < 6; run++) {
    const delay = 60 + Math.round(Math.random() * 200);
    const r = await interrupt(delay);
    // Before its handlers are in place memassert dies of the SIGINT itself, as any program does.
    assert.ok(r.status === EXIT.interrupted || r.status === "SIGINT", `run ${run}, SIGINT after ${delay} ms: ${r.status} ${r.stderr}`);
    if (r.status === EXIT.interrupted) assert.match(r.stderr, /interrupted \(SIGINT\)/);
    await nothingLeft();
  }
});

test("a second Ctrl-C ends memassert at once", async () => {
  const r = await interrupt(150, 1);
  assert.ok(r.status === EXIT.interrupted || r.status === "SIGINT", `${r.status} ${r.stderr}`);
  await nothingLeft();
});

test.run();
