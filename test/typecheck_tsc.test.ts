/**
 * Everything type-checks under tsc with bun-types (tsconfig.json), the Bun plugin and its
 * `bun:test` declarations included, which `deno check` cannot resolve. Run once, in the Bun
 * pass of the suite (the Deno pass runs deno check: typecheck.test.ts).
 */
import { spawnSync } from "node:child_process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";

declare const Bun: unknown;

test("tsc -p tsconfig.json passes", () => {
  if (typeof Bun === "undefined") return; // the Deno pass leaves this to the Bun one
  const r = spawnSync("node", [`${ROOT}node_modules/typescript/bin/tsc`, "-p", "tsconfig.json"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test.run();
