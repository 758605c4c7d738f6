/**
 * The Deno and uvu plugins and their case runners type-check under Deno's TypeScript
 * (strict), and the plugins pass its linter. (The Bun plugin's `bun:test` is beyond deno
 * check: tsc checks it, typecheck_tsc.test.ts.) Run once, in the Deno pass of the suite.
 */
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";

declare const Deno: { execPath(): string } | undefined;

function deno(args: string[]) {
  const r = spawnSync(Deno!.execPath(), args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, out: r.stdout + r.stderr };
}

test("deno check passes on the Deno and uvu plugins and their case runners", () => {
  if (typeof Deno === "undefined") return; // the Bun pass leaves this to the Deno one
  const r = deno(["check", "plugins/deno/mod.ts", "plugins/deno/case.ts", "plugins/uvu/mod.ts", "plugins/uvu/case.ts"]);
  assert.is(r.status, 0, r.out);
});

test("deno lint passes on plugins/ and the examples", () => {
  if (typeof Deno === "undefined") return; // the Bun pass leaves this to the Deno one
  const r = deno(["lint", "plugins", "examples"]);
  assert.is(r.status, 0, r.out);
});

test.run();
