/**
 * Proves which runtime really ran the suite: the one test/run.sh asked for
 * (MEMASSERT_TEST_RUNTIME), at the version package.json pins, from node_modules.
 * Without this a `bun` or `deno` found first on PATH could stand in unnoticed.
 */
import { realpathSync } from "node:fs";
import process from "node:process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import pkg from "../package.json" with { type: "json" };

// Typed by hand: the project's types describe Bun, and Deno's namespace is absent from them.
const { Bun, Deno } = globalThis as {
  Bun?: { version: string };
  Deno?: { version: { deno: string } };
};
const running = Bun ? "bun" : Deno ? "deno" : "unknown";
const version = Bun?.version ?? Deno?.version.deno;

test("exactly one of Bun and Deno is running", () => {
  assert.ok(Boolean(Bun) !== Boolean(Deno), `Bun is ${typeof Bun}, Deno is ${typeof Deno}`);
});

test("MEMASSERT_TEST_RUNTIME names the runtime that is running", () => {
  const asked = process.env.MEMASSERT_TEST_RUNTIME;
  assert.ok(asked, "MEMASSERT_TEST_RUNTIME is not set: run the suite with `npm test`, or set it to bun or deno");
  assert.is(running, asked, `MEMASSERT_TEST_RUNTIME is ${asked} but ${running} is running`);
});

test("the runtime is the version pinned in package.json", () => {
  const pinned = pkg.devDependencies[running as "bun" | "deno"];
  assert.ok(pinned, `package.json pins no devDependency named ${running}`);
  assert.is(version, pinned, `${running} ${version} is running but package.json pins ${pinned}: run \`npm ci\``);
});

test("the runtime executable comes from node_modules", () => {
  const executable = realpathSync(process.execPath);
  assert.ok(
    executable.includes("/node_modules/"),
    `${running} runs from ${executable}: use node_modules/.bin/${running}, not one from PATH`,
  );
});

test.run();
