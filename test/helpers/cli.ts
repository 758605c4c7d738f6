/**
 * Runs the memassert CLI as a real child process, the way users run it.
 * MEMASSERT_CLI=binary runs the compiled dist/memassert; otherwise runner/bin.ts runs from
 * source under the runtime running the tests (Bun or Deno), so each suite tests its own.
 */

import { spawnSync } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";

declare const Bun: unknown;
declare const Deno: { execPath(): string } | undefined;

/** The repository root, whatever the current directory. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What a CLI run gave back. */
export interface CliRun {
  /** Exit status, or null when a signal ended the CLI itself. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface CliOptions {
  cwd?: string;
  /** Added to the current environment. */
  env?: Record<string, string>;
  /** Text given on stdin (default: none). */
  input?: string;
  /** Kill the CLI after this many milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** The command that starts the CLI: [executable, ...leading arguments]. */
export function cliCommand(): string[] {
  if (process.env.MEMASSERT_CLI === "binary") return [`${ROOT}dist/memassert`];
  const bin = `${ROOT}runner/bin.ts`;
  if (typeof Deno !== "undefined") return [Deno.execPath(), "run", "-A", bin];
  if (typeof Bun !== "undefined") return [process.execPath, bin];
  throw new Error("runCli: run the tests with Bun or Deno (or set MEMASSERT_CLI=binary)");
}

/**
 * Runs `memassert ...args` and waits for it.
 *
 * @example
 * ```ts
 * const { status, stderr } = runCli(["run", "--", "true"]);
 * ```
 */
export function runCli(args: string[], opts: CliOptions = {}): CliRun {
  const [exe, ...lead] = cliCommand();
  const r = spawnSync(exe, [...lead, ...args], {
    cwd: opts.cwd ?? ROOT,
    // A suite that itself runs on GitHub Actions must not annotate its own pull request with
    // the fixtures' failures: the tests that want those outputs set these themselves.
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", NO_COLOR: "1", ...opts.env },
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: opts.timeoutMs ?? 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
