/** Loads each test file once, in this process, to learn its cases and their limits. */
import { pathToFileURL } from "node:url";
import { type Layer, resolveOptions } from "../budget/limits.ts";
import { describe } from "../case/describe.ts";
import { provideMemassertModule } from "../case/provide.ts";
import { resetRegistry } from "../case/registry.ts";
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
