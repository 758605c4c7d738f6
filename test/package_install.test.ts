/**
 * The npm packages as users get them: both tarballs, packed by build/package.ts with `npm pack`,
 * installed with npm into an empty folder on a PATH with Node and no Bun or Deno. There,
 * `npx memassert run -- true` measures, and `npx memassert test` runs a test file that imports
 * "memassert" (served by the executable, nothing else installed), and uvu under Node runs a
 * memtest of memassert/uvu, traced by that executable. Node imports the library's Node build
 * (measure() rejects with a typed error) and TypeScript finds its declarations.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT } from "./helpers/cli.ts";
import { BUN, DENO } from "./helpers/runtimes.ts";
import { skip } from "./helpers/skip.ts";

declare const Deno: unknown;

const MiB = 2 ** 20;
// Made under Bun alone: the Deno pass skips this file and would leave it behind.
const tmp = typeof Deno === "undefined" ? mkdtempSync(join(tmpdir(), "memassert-install-")) : "";
const project = join(tmp, "project");
/** A PATH with Node and npm (Debian's, in /usr/bin) and no Bun or Deno. */
const NODE_ONLY_PATH = "/usr/bin:/bin";
let tarballs: string[] = [];

/** Runs `cmd` in the project with only Node on the PATH and a cache of its own for npm. */
function inProject(cmd: string[], timeout = 120_000) {
  const r = spawnSync(cmd[0], cmd.slice(1), {
    cwd: project, encoding: "utf8", timeout,
    env: { PATH: NODE_ONLY_PATH, HOME: tmp, NO_COLOR: "1", npm_config_cache: join(tmp, "npm-cache"), npm_config_update_notifier: "false" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}${r.error ?? ""}` };
}

if (typeof Deno !== "undefined") {
  // Nothing here runs on the suite's runtime: the Bun pass covers it.
  test("installed from the tarballs and run with Node alone", (ctx) => skip(ctx, "tested in the Bun pass of the suite (Node runs it, whichever runtime runs the suite)"));
} else {
  test.before(() => {
    assert.ok(existsSync(`${ROOT}dist/memassert`), "dist/memassert is missing: build it with bun build/compile.ts");
    const r = spawnSync(BUN, [`${ROOT}build/package.ts`, "--tarballs", tmp], { encoding: "utf8", timeout: 300_000 });
    assert.is(r.status, 0, `${r.stdout}${r.stderr}`);
    tarballs = r.stdout.trim().split("\n").map((line) => line.slice(0, line.indexOf(":")));
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user-project", private: true }));
    // --offline: both packages come from their tarballs, none from a registry.
    const install = inProject(["npm", "install", "--offline", "--no-audit", "--no-fund", ...tarballs]);
    assert.is(install.status, 0, install.all);
  });

  test.after(() => rmSync(tmp, { recursive: true, force: true }));

  test("two tarballs: the main package (small) and the platform package holding the executable", () => {
    assert.equal(tarballs.map((t) => t.slice(tmp.length + 1)), ["memassert-0.1.0.tgz", "memassert-linux-x64-0.1.0.tgz"]);
    const [main, platform] = tarballs.map((t) => statSync(t).size);
    assert.ok(main < 1 * MiB, `main tarball ${main} bytes`);
    assert.ok(platform > 20 * MiB, `platform tarball ${platform} bytes: the executable is not in it`);
  });

  test("the project's PATH has Node and npm, and no Bun or Deno", () => {
    const r = inProject(["sh", "-c", "command -v node && command -v npx && ! command -v bun && ! command -v deno"]);
    assert.is(r.status, 0, r.all);
  });

  test("npx memassert run -- true measures it, exit status 0", () => {
    const r = inProject(["npx", "--offline", "memassert", "run", "--", "true"]);
    assert.is(r.status, 0, r.all);
    assert.is(r.stdout, "");
    assert.match(r.stderr, /^memassert: peak \d+(\.\d)? [KM]iB \(root\)/);
    assert.match(r.stderr, /exact/);
  });

  test("npx memassert run passes the command's exit status through", () => {
    const r = inProject(["npx", "--offline", "memassert", "run", "--quiet", "--", "sh", "-c", "exit 7"]);
    assert.is(r.status, 7, r.all);
  });

  test('npx memassert test runs a test file that imports "memassert", with nothing but the two packages installed', () => {
    mkdirSync(join(project, "mem"));
    writeFileSync(join(project, "mem/fill.mem.ts"), `
  import { formatBytes, test } from "memassert";

  test("fill 16 MiB", { growth: "64 MiB" }, () => {
    const bytes = new Uint8Array(16 * 2 ** 20).fill(1);
    if (bytes[bytes.length - 1] !== 1) throw new Error("not filled: " + formatBytes(bytes.length));
  });
  `);
    const r = inProject(["npx", "--offline", "memassert", "test", "mem", "--reporter", "json"]);
    assert.is(r.status, 0, r.all);
    const report = JSON.parse(r.stdout) as TestReport;
    assert.equal(report.fileErrors, []);
    assert.is(report.passed, 1, r.stdout);
    assert.ok(report.results[0].growth! >= 15 * MiB, `growth ${report.results[0].growth} bytes < 15 MiB`);
  });

  test("uvu under Node runs a memtest of memassert/uvu, traced by the platform package's executable", () => {
    // uvu is the project's own dependency: linked from this checkout, as npm would install it.
    symlinkSync(`${ROOT}node_modules/uvu`, join(project, "node_modules/uvu"));
    mkdirSync(join(project, "tests"));
    writeFileSync(join(project, "tests/fill.test.mjs"), `
import { test } from "uvu";
import { memtest } from "memassert/uvu";

memtest("fill 16 MiB", { growth: "64 MiB" }, () => {
  globalThis.kept = new Uint8Array(16 * 2 ** 20).fill(1);
});
memtest("fill 32 MiB within 8 MiB (fails on purpose)", { growth: "8 MiB" }, () => {
  globalThis.kept = new Uint8Array(32 * 2 ** 20).fill(1);
});
test.run();
`);
    const r = inProject(["node", "node_modules/uvu/bin.js", "tests"]);
    assert.is(r.status, 1, r.all);
    assert.match(r.all, /Passed:\s+1\b/);
    assert.match(r.all, /growth \d+(\.\d)? MiB is over its limit of 8\.0 MiB/);
  });

  test("under Node, the library works without FFI and measure() rejects with UnsupportedRuntimeError; memassert/bun and memassert/deno say where they run", () => {
    writeFileSync(join(project, "library.mjs"), `
import { assertPeakBelow, BudgetExceededError, formatBytes, measure, parseBytes, UnsupportedRuntimeError } from "memassert";
const out = { sizes: [formatBytes(3 * 2 ** 20), parseBytes("64 MiB")] };
try {
  assertPeakBelow({ argv: ["true"], mode: "exact", root: { peakRss: 2 * 2 ** 20 }, tree: { peakRss: 2 * 2 ** 20 } }, "1 MiB");
} catch (e) {
  out.budget = e instanceof BudgetExceededError;
}
try {
  await measure(["true"]);
} catch (e) {
  out.measure = { typed: e instanceof UnsupportedRuntimeError, code: e.code, feature: e.feature, message: e.message };
}
for (const plugin of ["memassert/bun", "memassert/deno"]) {
  try {
    await import(plugin);
  } catch (e) {
    out[plugin] = { typed: e instanceof UnsupportedRuntimeError, code: e.code, message: e.message };
  }
}
out.uvu = Object.keys(await import("memassert/uvu"));
console.log(JSON.stringify(out));
`);
    const r = inProject(["node", "library.mjs"]);
    assert.is(r.status, 0, r.all);
    const out = JSON.parse(r.stdout);
    assert.equal(out.sizes, ["3.0 MiB", 64 * MiB]);
    assert.is(out.budget, true);
    assert.equal({ ...out.measure, message: undefined }, { typed: true, code: "ERR_MEMASSERT_RUNTIME", feature: "measure()", message: undefined });
    assert.match(out.measure.message, /^measure\(\) traces processes through FFI, which Node \d+\.\d+\.\d+ does not have: run this code with Bun or Deno/);
    assert.match(out.measure.message, /npx memassert run/);
    for (const [plugin, runner] of [["memassert/bun", "bun test"], ["memassert/deno", "deno test"]]) {
      assert.is(out[plugin]?.typed, true, `${plugin}: ${JSON.stringify(out[plugin])}`);
      assert.is(out[plugin].code, "ERR_MEMASSERT_RUNTIME");
      assert.ok(out[plugin].message.startsWith(`${plugin} declares memory cases for ${runner}, and Node`), out[plugin].message);
    }
    assert.equal(out.uvu, ["memtest"]);
  });

  test("Bun and Deno import the whole library from the installed package: measure() traces, and their own plugin loads", () => {
    writeFileSync(join(project, "runtimes.mjs"), `
import { measure } from "memassert";
const r = await measure(["sh", "-c", "exit 3"]);
const plugin = await import(globalThis.Bun ? "memassert/bun" : "memassert/deno");
console.log(JSON.stringify({ exitCode: r.exitCode, peak: r.root.peakRss > 0, plugin: Object.keys(plugin) }));
`);
    for (const cmd of [[BUN, "runtimes.mjs"], [DENO, "run", "-A", "runtimes.mjs"]]) {
      const r = inProject(cmd);
      assert.is(r.status, 0, r.all);
      assert.equal(JSON.parse(r.stdout), { exitCode: 3, peak: true, plugin: ["memtest"] }, r.all);
    }
  });

  test("TypeScript in a Node project (nodenext) finds the declarations of memassert and memassert/uvu, and checks calls against them", () => {
    writeFileSync(join(project, "typed.ts"), `
import { formatBytes, measure, type MeasureResult, UnsupportedRuntimeError } from "memassert";
import { memtest } from "memassert/uvu";
export async function peak(): Promise<string> {
  const r: MeasureResult = await measure(["true"], { mode: "sample" });
  return formatBytes(r.tree.peakRss);
}
export const code: "ERR_MEMASSERT_RUNTIME" = new UnsupportedRuntimeError("x", "y").code;
memtest("parse", { growth: "16 MiB" }, () => {});
// @ts-expect-error measure() takes an argv array, not a string
measure("true");
// @ts-expect-error no such mode
measure(["true"], { mode: "fastest" });
`);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, types: [] },
      files: ["typed.ts"],
    }));
    const r = inProject(["node", `${ROOT}node_modules/typescript/bin/tsc`, "-p", "."], 180_000);
    assert.is(r.status, 0, r.all);
  });

  test("the memassert command is the launcher, run by Node", () => {
    const r = inProject(["sh", "-c", "head -n 1 node_modules/.bin/memassert; readlink node_modules/.bin/memassert"]);
    assert.is(r.stdout, "#!/usr/bin/env node\n../memassert/bin/memassert.cjs\n", r.all);
  });
}

test.run();
