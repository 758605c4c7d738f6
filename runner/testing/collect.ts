/** Loads each test file once, in this process, to learn its cases and their limits. */
import { pathToFileURL } from "node:url";
import { type Layer, resolveOptions } from "./options.ts";
import { provideMemassertModule } from "./provide.ts";
import { resetRegistry } from "./registry.ts";
import type { CaseInfo, FileError } from "./types.ts";

/** The cases of `file`, or the reason it cannot be used. */
export async function collect(file: string, layers: Layer[]): Promise<CaseInfo[] | FileError> {
  await provideMemassertModule();
  const reg = resetRegistry(file);
  try {
    await import(pathToFileURL(file).href);
  } catch (err) {
    return { file, message: describe(err) };
  }
  const fileLayer: Layer[] = reg.defaultsLocation === null
    ? []
    : [{ options: reg.defaults, source: `defaults({ … }) at ${reg.defaultsLocation}` }];
  try {
    return reg.cases.map((c, index) => ({
      file, index, name: c.name, only: c.only, skip: c.skip, location: c.location,
      options: resolveOptions(c, [...fileLayer, ...layers]),
    }));
  } catch (err) {
    return { file, message: (err as Error).message };
  }
}

/** The error's own text, with its location for a syntax error. */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Bun's BuildMessage (a syntax error) has no stack, only a position.
  const pos = (err as { position?: { file: string; line: number; column: number; lineText: string } | null }).position;
  if (!err.stack && pos) return `SyntaxError: ${err.message}\n    at ${pos.file}:${pos.line}:${pos.column}\n    ${pos.lineText.trim()}`;
  const stack = err.stack ?? "";
  return stack.includes(err.message) ? stack : `${err.name}: ${err.message}\n${stack}`;
}
