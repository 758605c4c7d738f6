/**
 * Under Deno, the project's `deno.json` applies to the processes that list and run its cases,
 * as it does to `deno run` in the project: its `imports` (and an import map it names) resolve
 * the test file's imports, from the project's folder and from a subfolder. (Deno looks for a
 * config beside the main module, memassert's own, unless told.) The test runs `memassert
 * test` under Deno whichever runtime runs the suite.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT } from "./helpers/cli.ts";
import { DENO, runIn } from "./helpers/runtimes.ts";

const CASE = `import { test } from "memassert";
import { fill } from "@lib/fill.ts";

test("fills 1 MiB through the import map", { growth: "64 MiB" }, () => {
  fill(2 ** 20);
});
`;

/** A project whose test file imports "memassert" and "@lib/" through `config`, in a folder of its own. */
function project(config: Record<string, unknown>, importMap?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "memassert-deno-config-"));
  writeFileSync(join(dir, "deno.json"), JSON.stringify(config));
  if (importMap) writeFileSync(join(dir, "import_map.json"), JSON.stringify(importMap));
  mkdirSync(join(dir, "lib"));
  writeFileSync(join(dir, "lib", "fill.ts"), "export const fill = (n: number) => new Uint8Array(n).fill(1);\n");
  mkdirSync(join(dir, "tests"));
  writeFileSync(join(dir, "tests", "fill.mem.ts"), CASE);
  return dir;
}

function assertPasses(cwd: string): void {
  const r = runIn(cwd, [DENO, "run", "-A", join(ROOT, "runner/bin.ts"), "test", "--reporter", "json"]);
  assert.is(r.status, 0, r.all);
  const report = JSON.parse(r.stdout) as TestReport;
  assert.equal(report.fileErrors, [], r.all);
  assert.equal(report.results.map((c) => [c.name, c.status]), [["fills 1 MiB through the import map", "passed"]], r.all);
  assert.ok(report.results[0].growth! >= 2 ** 20, `the case ran: growth ${report.results[0].growth}`);
}

const imports = { memassert: join(ROOT, "mod.ts"), "@lib/": "./lib/" };

test('deno.json "imports" apply to the cases, run from the project and from a subfolder', () => {
  const dir = project({ imports });
  try {
    assertPasses(dir);
    assertPasses(join(dir, "tests"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an import map named by deno.json "importMap" applies to the cases', () => {
  const dir = project({ importMap: "./import_map.json" }, { imports });
  try {
    assertPasses(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
