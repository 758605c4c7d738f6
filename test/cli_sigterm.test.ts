/**
 * SIGTERM sent to memassert alone (a CI job's timeout does that), while the traced command
 * ignores SIGTERM: memassert kills the tree, reports what it measured, exits 128+15.
 */
import { spawn } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { cliCommand, ROOT } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";

const MARK = `30.${process.pid}1`;

test("SIGTERM to memassert kills a tree that ignores it, and still reports", async () => {
  const [exe, ...lead] = cliCommand();
  const cli = spawn(exe, [...lead, "run", "--", "sh", "-c", `trap "" TERM; echo ready; sleep ${MARK}; echo survived`], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "", stdout = "";
  cli.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const t0 = performance.now();
  const status = await new Promise<number | null>((done, fail) => {
    const timer = setTimeout(() => {
      cli.kill("SIGKILL");
      fail(new Error(`no exit after SIGTERM: ${stderr}`));
    }, 20_000);
    cli.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (d.includes("ready")) process.kill(cli.pid!, "SIGTERM");
    });
    cli.on("close", (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
  assert.is(status, EXIT.signalBase + 15, stderr);
  assert.ok(performance.now() - t0 < 10_000, "did not wait for sleep 30");
  assert.not.match(stdout, /survived/);
  assert.match(stderr, /memassert: peak .*\nmemassert: interrupted \(SIGTERM\)/);
  assert.equal(processesMentioning(MARK, { state: true }), [], "nothing is left, stopped or running");
});

test.run();
