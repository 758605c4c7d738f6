/**
 * The bunfig.toml of a case's process. It is `bun test` again, which would read the project's
 * bunfig.toml and repeat or report what the project asks of a whole run (a `rerunEach` there
 * is not overridden by `--rerun-each=1` on the command line). So the case's process gets a
 * config of its own (`--config=FILE`): the project's, keeping what the code needs (preload,
 * define, loaders, smol, …) and dropping what repeats, reorders or reports.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

/** Keys of `[test]` a single case must not inherit. */
const DROPPED = new Set([
  "rerunEach", "retry", "repeats", "randomize", "seed", "reporter", "onlyFailures", "bail", "concurrentTestGlob",
  "timeout", "todo", "only", "passWithNoTests",
]);

type Toml = Record<string, unknown>;

/** The project's bunfig.toml in `cwd`, as a case's process must see it. */
export function caseConfig(cwd: string): Toml {
  const path = join(cwd, "bunfig.toml");
  if (!existsSync(path)) return {};
  const config = Bun.TOML.parse(readFileSync(path, "utf8")) as Toml;
  const out: Toml = { ...config };
  if (Array.isArray(out.preload) || typeof out.preload === "string") out.preload = absolute(out.preload, cwd);
  const t = config.test;
  if (t !== null && typeof t === "object" && !Array.isArray(t)) {
    const kept: Toml = {};
    for (const [k, v] of Object.entries(t as Toml)) {
      if (DROPPED.has(k) || k.startsWith("coverage")) continue;
      kept[k] = k === "preload" ? absolute(v, cwd) : v;
    }
    out.test = kept;
  }
  return out;
}

/** Writes the case's config into `dir`; returns its path. */
export function writeCaseConfig(cwd: string, dir: string): string {
  const path = join(dir, "bunfig.toml");
  writeFileSync(path, toToml(caseConfig(cwd)));
  return path;
}

// Preloads are resolved from the current directory; absolute, they cannot be misread.
function absolute(v: unknown, cwd: string): unknown {
  const one = (p: unknown) => typeof p === "string" && p.startsWith(".") && !isAbsolute(p) ? resolve(cwd, p) : p;
  return Array.isArray(v) ? v.map(one) : one(v);
}

/** TOML text of a parsed config: scalars first, then one `[table]` per table, values inline. */
export function toToml(config: Toml): string {
  const lines: string[] = [];
  const tables: [string, Toml][] = [];
  for (const [k, v] of Object.entries(config)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) tables.push([k, v as Toml]);
    else lines.push(`${key(k)} = ${value(v)}`);
  }
  for (const [k, t] of tables) {
    lines.push("", `[${key(k)}]`);
    for (const [k2, v] of Object.entries(t)) lines.push(`${key(k2)} = ${value(v)}`);
  }
  return lines.join("\n") + "\n";
}

function key(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
}

function value(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(value).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{ ${Object.entries(v).map(([k, x]) => `${key(k)} = ${value(x)}`).join(", ")} }`;
  throw new TypeError(`bunfig.toml: cannot write ${String(v)}`);
}
