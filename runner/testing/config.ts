/**
 * The project's defaults for every case: `memassert.config.ts` (or .js, .mjs)
 * exporting an object by default, or a "memassert" field in package.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkKeys, type Layer } from "../budget/limits.ts";

const FILES = ["memassert.config.ts", "memassert.config.mjs", "memassert.config.js"];

/** Thrown for a config that cannot be used; the CLI exits 2 with its message. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Loads the project config found in `dir`, or null when there is none. */
export async function loadConfig(dir: string): Promise<Layer | null> {
  for (const name of FILES) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    let mod: { default?: unknown };
    try {
      mod = await import(pathToFileURL(path).href);
    } catch (err) {
      throw new ConfigError(`Cannot load ${path}: ${(err as Error).message}`);
    }
    return layer(mod.default, path, `${name} (export default { … })`);
  }
  const pkgPath = join(dir, "package.json");
  if (!existsSync(pkgPath)) return null;
  let pkg: { memassert?: unknown };
  try {
    pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  } catch (err) {
    throw new ConfigError(`Cannot parse ${pkgPath}: ${(err as Error).message}`);
  }
  if (pkg.memassert === undefined) return null;
  return layer(pkg.memassert, pkgPath, `package.json "memassert" field`);
}

function layer(value: unknown, path: string, source: string): Layer {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${path}: the config must be an object like { "budget": "64 MiB" }, got ${JSON.stringify(value)}`);
  }
  try {
    checkKeys(value, path);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return { options: value, source };
}
