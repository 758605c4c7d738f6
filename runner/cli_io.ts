/** What every `memassert` subcommand shares: exit statuses, usage errors, output. */
import process from "node:process";
import { isatty } from "node:tty";

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

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^memassert:\s*/, "").replace(/\s*\n\s*/g, " ").trim();
}

export function useColor(): boolean {
  try {
    return isatty(2) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
  } catch {
    return false; // no permission to read the environment (Deno without --allow-env)
  }
}

export async function fail(code: number, message: string): Promise<number> {
  await err(`memassert: ${message}\n`);
  return code;
}

/** Writes to stdout; a reader that went away (`| head`) is not an error of memassert. */
export async function out(text: string): Promise<number> {
  await write(process.stdout, text).catch(() => undefined);
  return EXIT.ok;
}

export function err(text: string): Promise<void> {
  return write(process.stderr, text).catch(() => undefined);
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((done, reject) => {
    stream.write(text, (e?: Error | null) => (e ? reject(e) : done()));
  });
}
