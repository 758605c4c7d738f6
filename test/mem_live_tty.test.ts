/**
 * On a real terminal (a pty from util-linux `script`), memassert test shows a live progress
 * line rewritten in place and coloured marks; with NO_COLOR it writes plain lines, as it
 * does into a pipe. Both end with the `N passed, N failed in T` line.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliCommand, ROOT } from "./helpers/cli.ts";
import { skip } from "./helpers/skip.ts";

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

function onTerminal(env: Record<string, string>): string {
  const cmd = [...cliCommand(), "test", "examples/parse.mem.ts"].map(quote).join(" ");
  const r = spawnSync("script", ["-qec", cmd, "/dev/null"], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, TERM: "xterm", ...env }, timeout: 60_000,
  });
  assert.is(r.status, 0, r.stderr + r.stdout);
  return r.stdout;
}

const haveScript = existsSync("/usr/bin/script") || existsSync("/bin/script");

test("a terminal gets the live progress line; NO_COLOR gets plain lines", (ctx) => {
  if (!haveScript) return skip(ctx, "script is not installed: no pty to test on (apt-get install bsdutils, or bash test/provision.sh)");
  const live = onTerminal({ NO_COLOR: "" });
  assert.match(live, /\r\x1b\[2Krunning 0\/2/, "progress line rewritten in place");
  assert.match(live, /examples\/parse\.mem\.ts\x1b\[0m\r?\n {2}\x1b\[32m✓\x1b\[0m parse 10k rows of CSV/);
  assert.match(live, /2 passed, 0 failed in \d[^\n]*\r?\n?$/);

  const plain = onTerminal({ NO_COLOR: "1" });
  assert.not.match(plain, /\x1b/, "no escape code");
  assert.match(plain, /^examples\/parse\.mem\.ts\r?\n {2}✓ parse 10k rows of CSV .*\r?\n( .*\r?\n)* {2}✓ parse 10k rows of JSON .*\r?\n( .*\r?\n)*2 passed, 0 failed in \d.*\r?\n$/);
});

test.run();
