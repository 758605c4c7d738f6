/**
 * The library, the CLI, the worker entry points and the tests type-check under Deno's
 * TypeScript (strict), and pass its linter (deno.json has the one rule left out). Run once,
 * in the Deno pass of the suite.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { skip } from "./helpers/skip.ts";

declare const Deno: { execPath(): string } | undefined;

test("deno check passes on every entry point and test", (ctx) => {
  if (typeof Deno === "undefined") return skip(ctx, "type-checked in the Deno pass of the suite (Bun has no type checker)");
  const files = ["mod.ts", "runner/bin.ts", "runner/trace/trace_worker.ts", "runner/trace/sampler_worker.ts", "runner/case/case_main.ts", "runner/testing/collect_main.ts", "test/run.ts"];
  const r = spawnSync(Deno.execPath(), ["check", ...files], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.is(r.status, 0, r.stderr);
});

test("deno lint passes on the sources, tests, benchmarks and examples", (ctx) => {
  if (typeof Deno === "undefined") return skip(ctx, "linted in the Deno pass of the suite");
  const paths = ["mod.ts", "runner", "ffi", "build", "bench", "examples", "test/helpers", "test/mutants"];
  const tests = readdirSync(`${ROOT}test`).filter((f) => f.endsWith(".ts")).map((f) => `test/${f}`);
  const r = spawnSync(Deno.execPath(), ["lint", ...paths, ...tests], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test.run();
