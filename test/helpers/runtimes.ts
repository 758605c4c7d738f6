/**
 * Running the real test runners the plugins live in (`bun test`, `deno test`, uvu under Node,
 * Bun and Deno) as child processes, the way users run them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import process from "node:process";
import { ROOT } from "./cli.ts";

/** The pinned runtimes of node_modules. */
export const BUN = `${ROOT}node_modules/.bin/bun`;
export const DENO = `${ROOT}node_modules/.bin/deno`;
export const UVU_BIN = `${ROOT}node_modules/uvu/bin.js`;

/** What a run gave back; `all` is stdout and stderr together, for messages. */
export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  all: string;
}

/** Runs `cmd` in `cwd` and waits; the environment is this one's, without colours, plus `env`. */
export function runIn(cwd: string, cmd: string[], env: Record<string, string> = {}, timeoutMs = 180_000): Ran {
  // Any FORCE_COLOR, even 0, makes Deno colour its output.
  const { FORCE_COLOR: _, ...base } = process.env;
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, encoding: "utf8", timeout: timeoutMs, env: { ...base, NO_COLOR: "1", ...env } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

/** The results of a JSON Lines results file: one test-report document per line. */
export function readResults(path: string): { name: string; status: string; growth: number | null; baseline: number | null; location: string; failure: string | null }[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
  rmSync(path, { force: true });
  return lines.flatMap((l) => JSON.parse(l).results);
}
