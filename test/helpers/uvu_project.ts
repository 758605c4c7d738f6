/**
 * A uvu project as users have one: its files, uvu in node_modules, and memassert's npm package
 * built into node_modules/memassert (Node cannot load memassert's TypeScript sources).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./cli.ts";
import { BUN } from "./runtimes.ts";

/** A temporary copy of `source` with node_modules/uvu and node_modules/memassert; returns its path. */
export function uvuProject(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "memassert-uvu-"));
  cpSync(source, dir, { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(`${ROOT}node_modules/uvu`, join(dir, "node_modules/uvu"));
  const r = spawnSync(BUN, [`${ROOT}build/package.ts`, join(dir, "node_modules/memassert"), "--no-types"], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`cannot build the package: ${r.stdout}${r.stderr}`);
  return dir;
}

/** uvu's CLI on the project's `tests` folder, under Node, Bun or Deno. */
export function uvuCommand(runtime: "node" | "bun" | "deno"): string[] {
  const bin = "node_modules/uvu/bin.js";
  if (runtime === "node") return ["node", bin, "tests"];
  if (runtime === "bun") return [BUN, bin, "tests"];
  return [`${ROOT}node_modules/.bin/deno`, "run", "-A", bin, "tests"];
}
