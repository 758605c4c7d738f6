/**
 * The project's defaults for every case: `memassert.config.ts` (or .mjs, .js) exporting an
 * object by default, or a "memassert" field in package.json, found like other tools find
 * theirs: in the current directory, else the nearest parent that has one.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkLayer, type Layer } from "../budget/limits.ts";
import type { CaseOptions } from "../budget/types.ts";

const FILES = ["memassert.config.ts", "memassert.config.mjs", "memassert.config.js"];

/** Thrown for a config that cannot be used; the CLI exits 2 with its message. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Where the config is: a module to load (in the collector), or package.json's field, already read. */
export type ConfigFound = { module: string } | { layer: Layer } | null;

/** The nearest config from `dir` upward. */
export function findConfig(dir: string): ConfigFound {
  for (let at = dir; ; at = dirname(at)) {
    for (const name of FILES) {
      const path = join(at, name);
      if (existsSync(path)) return { module: path };
    }
    const pkgPath = join(at, "package.json");
    if (existsSync(pkgPath)) {
      const field = packageField(pkgPath);
      if (field !== undefined) return { layer: configLayer(field, pkgPath, `${pkgPath} "memassert" field`) };
    }
    if (dirname(at) === at) return null;
  }
}

/** The "memassert" field of a package.json (undefined without one). */
function packageField(pkgPath: string): unknown {
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  } catch (err) {
    throw new ConfigError(`Cannot parse ${pkgPath}: ${(err as Error).message}`);
  }
  if (pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) {
    throw new ConfigError(`${pkgPath}: a package.json must hold an object, got ${JSON.stringify(pkg)}`);
  }
  return (pkg as { memassert?: unknown }).memassert;
}

/** The layer of a config's value, checked once: a wrong key or value is a ConfigError naming it. */
export function configLayer(value: unknown, path: string, source: string): Layer {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${path}: the config must be an object like { "budget": "64 MiB" }, got ${JSON.stringify(value)}`);
  }
  const layer = { options: value as CaseOptions, source };
  try {
    checkLayer(layer);
  } catch (err) {
    throw new ConfigError(`${(err as Error).message} (fix it in ${path})`);
  }
  return layer;
}
