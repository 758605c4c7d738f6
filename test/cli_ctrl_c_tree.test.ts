/**
 * Ctrl-C reaches the whole foreground process group: memassert and the tree it traces.
 * Processes in the tree that ignore SIGINT, or that left the group (setsid), must still
 * be killed, none may stay stopped under ptrace, and what was measured is still reported.
 */
import { spawn } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { cliCommand, ROOT } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";

const MARK = `${process.pid}.4242`;

/** Processes whose command line holds MARK, with their state letter. */
const survivors = () => processesMentioning(MARK, { state: true });

test("Ctrl-C on the process group kills the whole traced tree and reports", async () => {
  const [exe, ...lead] = cliCommand();
  const script = `trap "" INT; (trap "" INT; exec sleep ${MARK}) & setsid sh -c "exec sleep ${MARK}" & ` +
    `head -c 50000000 /dev/zero | tail -c 1 > /dev/null; echo ready; wait`;
  // detached: memassert leads a process group of its own, like a shell job in a terminal.
  const cli = spawn(exe, [...lead, "run", "--tree", "--", "sh", "-c", script], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true,
  });
  let stderr = "";
  cli.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const status = await new Promise<number | null>((done, fail) => {
    const timer = setTimeout(() => {
      process.kill(-cli.pid!, "SIGKILL");
      fail(new Error(`no exit after Ctrl-C: ${stderr}`));
    }, 20_000);
    cli.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (!d.includes("ready")) return;
      assert.ok(survivors().length >= 2, "the sleeps run before Ctrl-C");
      process.kill(-cli.pid!, "SIGINT"); // what the terminal does on Ctrl-C
    });
    cli.on("close", (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
  assert.is(status, EXIT.interrupted, stderr);
  assert.match(stderr, /memassert: peak .*\nmemassert: interrupted \(SIGINT\)/);
  // The tree ran `head` on 50 MB through a pipe: the table lists it, with its argv.
  assert.match(stderr, /head -c 50000000/);
  let left = survivors();
  for (let i = 0; i < 20 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = survivors();
  }
  assert.equal(left, [], "no process of the tree is left, stopped or running");
});

test.run();
