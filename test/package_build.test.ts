/**
 * The npm package built by build/package.ts works on its own, under the runtime running the
 * suite: its manifest names the launcher as the command and the platform package as an
 * optional dependency, its mod.js measures a real command, its bin.js runs a test file that imports it, and
 * only the Bun chunk, loaded by a dynamic import taken under Bun alone, names "bun:ffi".
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeasureResult, TestReport } from "../mod.ts";
import { ROOT } from "./helpers/cli.ts";

declare const Deno: { execPath(): string } | undefined;

const MiB = 2 ** 20;
const tmp = mkdtempSync(join(tmpdir(), "memassert-package-"));
const out = join(tmp, "package");
const modUrl = pathToFileURL(join(out, "mod.js")).href;

/** Runs a script file with the runtime running this test: `bun FILE` or `deno run -A FILE`. */
function runScript(file: string, args: string[], cwd = tmp) {
  const lead = typeof Deno !== "undefined" ? [Deno.execPath(), "run", "-A"] : [process.execPath];
  const r = spawnSync(lead[0], [...lead.slice(1), file, ...args], {
    cwd, encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

test.before(() => {
  // The declarations are checked where the tarballs are installed (package_install.test.ts).
  const r = runScript(join(ROOT, "build/package.ts"), [out, "--no-types"], ROOT);
  assert.is(r.status, 0, r.all);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test("package.json: the root's name and version, the library and the three plugins exported, the CLI, every file listed", () => {
  const pkg = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
  const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.is(pkg.name, root.name);
  assert.is(pkg.version, root.version);
  assert.equal(pkg.exports, {
    ".": { bun: "./mod.js", deno: "./mod.js", node: "./node/mod.js", default: "./mod.js" },
    "./bun": { bun: "./plugin_bun.js", deno: "./plugin_bun_elsewhere.js", node: "./node/plugin_bun_elsewhere.js", default: "./plugin_bun_elsewhere.js" },
    "./deno": { deno: "./plugin_deno.js", bun: "./plugin_deno_elsewhere.js", node: "./node/plugin_deno_elsewhere.js", default: "./plugin_deno_elsewhere.js" },
    "./uvu": { default: "./plugin_uvu.js" },
  });
  assert.equal(pkg.bin, { memassert: "bin/memassert.cjs" });
  assert.is(pkg.dependencies, undefined);
  assert.equal(pkg.optionalDependencies, { "@memassert/linux-x64": root.version });
  assert.is(pkg.os, undefined, "the main package must install anywhere, for its launcher to say why it cannot run");
  const plugins = ["plugin_bun.js", "plugin_deno.js", "plugin_uvu.js", "deno_case.js", "uvu_case.js"];
  for (const file of ["mod.js", "node/mod.js", "bin.js", "bin/memassert.cjs", "trace_worker.js", "case_main.js", ...plugins, "README.md", "schema/result.schema.json", "schema/test-report.schema.json"]) {
    assert.ok(pkg.files.includes(file), `${file} missing from files: ${pkg.files}`);
  }
  assert.ok(readFileSync(join(out, "bin.js"), "utf8").startsWith("#!/usr/bin/env -S bun --no-env-file\n"), "bin.js has no bun shebang");
});

test('only the Bun chunk names "bun:ffi", and it is only imported dynamically', () => {
  const js = readdirSync(out).filter((f) => f.endsWith(".js"));
  const naming = js.filter((f) => readFileSync(join(out, f), "utf8").includes("bun:ffi"));
  assert.is(naming.length, 1, `files naming bun:ffi: ${naming}`);
  const [bunChunk] = naming;
  assert.match(bunChunk, /^bun-\w+\.js$/);
  for (const f of js) {
    const text = readFileSync(join(out, f), "utf8");
    const mentions = text.split(bunChunk).length - 1;
    const dynamic = text.split(`import("./${bunChunk}")`).length - 1;
    assert.is(mentions, dynamic, `${f} imports ${bunChunk} statically`);
  }
});

test("mod.js measures a real command in a process of its own", () => {
  const script = join(tmp, "measure.mjs");
  writeFileSync(script, `
import { measure } from ${JSON.stringify(modUrl)};
const r = await measure(["sh", "-c", "head -c 50000000 /dev/zero | tail -c 50000000 > /dev/null"]);
console.log(JSON.stringify(r));
`);
  const r = runScript(script, []);
  assert.is(r.status, 0, r.all);
  const result = JSON.parse(r.stdout) as MeasureResult;
  assert.is(result.exitCode, 0);
  assert.ok(result.tree.peakRss >= 47 * MiB, `tree peak ${result.tree.peakRss} bytes < 47 MiB`);
});

test("bin.js test runs a .mem.ts file that imports mod.js, and it passes", () => {
  const dir = join(tmp, "cases");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, "fill.mem.ts"), `
import { test } from ${JSON.stringify(modUrl)};

test("fill 16 MiB", { growth: "64 MiB" }, () => {
  const bytes = new Uint8Array(16 * 2 ** 20).fill(1);
  if (bytes[bytes.length - 1] !== 1) throw new Error("not filled");
});
`);
  const r = runScript(join(out, "bin.js"), ["test", dir, "--reporter", "json"]);
  assert.is(r.status, 0, r.all);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.fileErrors, []);
  assert.is(report.passed, 1, r.stdout);
  assert.ok(report.results[0].growth! >= 15 * MiB, `growth ${report.results[0].growth} bytes < 15 MiB`);
});

test.run();
