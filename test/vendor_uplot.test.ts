/**
 * runner/report/vendor/uplot.ts is what build/vendor.ts makes of the uplot package pinned in
 * package.json: the report inlines the library the lock file names, not a stale copy.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import process from "node:process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { UPLOT_VERSION } from "../runner/report/vendor/uplot.ts";
import { ROOT } from "./helpers/cli.ts";

declare const Deno: { execPath(): string } | undefined;

test("the inlined uPlot is the pinned one, as build/vendor.ts writes it", () => {
  const pinned = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")).devDependencies.uplot;
  assert.is(UPLOT_VERSION, pinned);
  const runtime = typeof Deno !== "undefined" ? [Deno.execPath(), "run", "-A"] : [process.execPath];
  const r = spawnSync(runtime[0], [...runtime.slice(1), "build/vendor.ts", "--check"], { cwd: ROOT, encoding: "utf8" });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test.run();
