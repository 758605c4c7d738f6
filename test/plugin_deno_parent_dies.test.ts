/**
 * memassert/deno: when the `deno test` process dies while a case runs (killed with SIGKILL,
 * no chance to clean up), the memassert executable sees its stdin close and kills the case:
 * no process is left behind.
 */
import { spawn } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { processesMentioning } from "./helpers/procs.ts";
import { DENO } from "./helpers/runtimes.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

test("SIGKILL to deno test mid-case: the case's processes are gone within seconds", async () => {
  // The case's process is memassert's case runner (its case named in its environment), under
  // the memassert executable; /proc gives arguments separated by NUL bytes.
  const caseRunner = `${ROOT}plugins/deno/case.ts`;
  const tracer = `${ROOT}dist/memassert\0__plugin-case`;
  assert.equal(processesMentioning("sleepy_test.ts"), []);
  const child = spawn(DENO, ["test", "--allow-run", "sleepy_test.ts"], { cwd: `${ROOT}test/fixtures/deno`, stdio: "ignore" });
  try {
    await until("the case runs", () => processesMentioning(caseRunner).length > 0, 60_000);
    assert.ok(processesMentioning(tracer).length > 0, "no memassert process traces the case");
  } finally {
    child.kill("SIGKILL");
  }
  await until("every process of the case has ended", () => processesMentioning(caseRunner).length + processesMentioning(tracer).length === 0, 15_000);
  assert.equal(processesMentioning("sleepy_test.ts"), []);
});

test.run();
