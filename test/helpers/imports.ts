/** The import graph of the sources, as tests of what loads when read it. */
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { ROOT } from "./cli.ts";

const STATIC = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+["']([^"']+)["']/g;
const DYNAMIC = /import\(\s*["'](\.[^"']+)["']\s*\)/g;

/**
 * Files reached from `entry` by static imports (type-only ones excepted), the modules outside
 * the sources they import statically (`node:fs`, `bun:ffi`), by file, and the files a dynamic
 * import names.
 */
export function importGraph(entry: string): { reached: Set<string>; external: Map<string, string[]>; dynamic: Set<string> } {
  const reached = new Set<string>(), dynamic = new Set<string>(), external = new Map<string, string[]>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const m of text.matchAll(STATIC)) {
      if (m[1].startsWith(".")) visit(normalize(join(dirname(file), m[1])));
      else external.set(file, [...(external.get(file) ?? []), m[1]]);
    }
    for (const m of text.matchAll(DYNAMIC)) dynamic.add(normalize(join(dirname(file), m[1])));
  };
  visit(entry);
  return { reached, external, dynamic };
}
