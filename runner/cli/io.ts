/** What every `memassert` subcommand shares: exit statuses, usage errors, output. */
import { writeAll } from "../trace/files.ts";
import { fdTarget } from "../trace/procfs.ts";
import { oneLine } from "../report/text.ts";

/**
 * Exit statuses of `memassert`. Besides these, CMD's own exit status passes through, and a
 * CMD killed by signal N gives `signalBase + N`, as in a shell.
 *
 * @example
 * ```ts
 * if (status === EXIT.budgetExceeded) console.error("over budget");
 * ```
 */
export const EXIT = Object.freeze({
  ok: 0,
  usage: 2,
  ptraceDenied: 77,
  budgetExceeded: 99,
  internal: 125,
  notExecutable: 126,
  notFound: 127,
  signalBase: 128,
  interrupted: 130,
  testsFailed: 1,
} as const);

/** A mistake in the command line: exit status 2, one line on stderr. */
export class UsageError extends Error {}

/** An error's message on one printable line, without a leading "memassert:". */
export function errorLine(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error)).replace(/^memassert:\s*/, "");
}

/**
 * Whether `fd` is a terminal. Read from /proc rather than through node:tty
 * or process.stderr, which cost the compiled executable several ms to load.
 */
export function isTerminal(fd: number): boolean {
  return /^\/dev\/(pts\/|tty)/.test(fdTarget(fd) ?? "");
}

export function useColor(): boolean {
  try {
    return isTerminal(2) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
  } catch {
    return false; // no permission to read the environment (Deno without --allow-env)
  }
}

export async function fail(code: number, message: string): Promise<number> {
  await err(`memassert: ${message}\n`);
  return code;
}

/** Writes to stdout; a reader that went away (`| head`) is not an error of memassert. */
export function out(text: string): Promise<number> {
  write(1, text);
  return Promise.resolve(EXIT.ok);
}

export function err(text: string): Promise<void> {
  write(2, text);
  return Promise.resolve();
}

/**
 * Writes all of `text` synchronously (process.stdout would cost the compiled
 * executable ~8 ms to set up); a closed pipe ends the write quietly.
 */
export function write(fd: number, text: string): void {
  writeAll(fd, new TextEncoder().encode(text));
}
