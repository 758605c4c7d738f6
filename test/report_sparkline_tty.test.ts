/**
 * On a real terminal (a pty from util-linux `script`), `memassert run`'s summary has a
 * sparkline of the tree's RSS with the peak's cell emphasised and its time, and each case
 * line of `memassert test` ends with one; with NO_COLOR, or into a pipe, there is none.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliCommand, ROOT, runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const SPARK = /[▁▂▃▄▅▆▇█]/;

function onTerminal(args: string[], env: Record<string, string>): string {
  const cmd = `stty cols 200; ${[...cliCommand(), ...args].map(quote).join(" ")}`;
  const r = spawnSync("script", ["-qec", cmd, "/dev/null"], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, TERM: "xterm", ...env }, timeout: 60_000,
  });
  assert.is(r.status, 0, r.stderr + r.stdout);
  return r.stdout;
}

const haveScript = existsSync("/usr/bin/script") || existsSync("/bin/script");
const check = haveScript ? test : test.skip;
if (!haveScript) console.log("  report_sparkline_tty: skipped: util-linux script is not installed (no pty to test on)");

check("run: a sparkline with the peak emphasised on a terminal, none with NO_COLOR or in a pipe", () => {
  const run = ["run", "--", compileFixture("tree_grow_free"), "16", "32"];
  const live = onTerminal(run, { NO_COLOR: "" });
  const line = live.split(/\r?\n/).find((l) => l.startsWith("memassert: ") && SPARK.test(l));
  assert.ok(line, live);
  assert.match(line!, /\x1b\[1m\x1b\[31m[▁▂▃▄▅▆▇█]\x1b\[0m/, "the peak's cell is bold red");
  assert.match(line!, /peak at \d+(\.\d+)? ms of \d+/);
  assert.is(line!.replace(/\x1b\[[0-9;]*m/g, "").match(/[▁▂▃▄▅▆▇█]/g)!.length, 40, "40 cells");
  assert.not.match(onTerminal(run, { NO_COLOR: "1" }), SPARK);
  const piped = runCli(run);
  assert.is(piped.status, 0, piped.stderr);
  assert.not.match(piped.stderr, SPARK);
});

check("test: each case line ends with its sparkline on a wide terminal, none with NO_COLOR", () => {
  const args = ["test", "-j", "1", "examples/parse.mem.ts"];
  const cases = onTerminal(args, { NO_COLOR: "" }).split(/[\r\n]/).filter((l) => l.includes("✓"));
  assert.is(cases.length, 2, cases.join("\n"));
  for (const l of cases) assert.match(l.replace(/\x1b\[[0-9;]*m/g, ""), /headroom -?[\d.]+ [KMG]?i?B {2}[▁▂▃▄▅▆▇█]{24}$/);
  assert.not.match(onTerminal(args, { NO_COLOR: "1" }), SPARK);
});

test.run();
