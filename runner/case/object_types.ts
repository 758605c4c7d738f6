/**
 * Which kinds of objects a case left in the JS heap: the heap's objects counted and sized by
 * type before and after the case, from a heap snapshot (JavaScriptCore's through
 * `Bun.generateHeapSnapshot()`, V8's through `node:v8`'s `getHeapSnapshot()`), each taken after a
 * full GC, so that it names what stayed. JavaScriptCore's `heapStats().objectTypeCounts` counts
 * every class instance as "Object", and neither runtime has a cheaper per-constructor count: a
 * snapshot costs ~15 ms (Bun) to ~1.5 s (Deno) for a 60 MiB heap, so it is taken only in a run
 * made again for a case that failed.
 */
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypeGrowth } from "../budget/types.ts";

/** How many objects of one type, and their own bytes (without what they point to). */
export interface TypeCount {
  count: number;
  size: number;
}

export type { TypeGrowth } from "../budget/types.ts";

/** The heap's objects by type now, or null where the runtime gives no snapshot. */
export async function countObjectTypes(): Promise<Map<string, TypeCount> | null> {
  const bun = (globalThis as { Bun?: { generateHeapSnapshot?(): unknown } }).Bun;
  try {
    if (bun?.generateHeapSnapshot) return fromJsc(bun.generateHeapSnapshot() as JscSnapshot);
    // Written to a file rather than streamed: the stream's buffers would stay in the heap and
    // show in the next count as megabytes of ArrayBuffer data.
    const { writeHeapSnapshot } = await import("node:v8");
    const path = writeHeapSnapshot(join(tmpdir(), `memassert-${process.pid}-${Date.now()}.heapsnapshot`));
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } finally {
      rmSync(path, { force: true });
    }
    const parsed = JSON.parse(text) as V8Snapshot;
    return fromV8(parsed);
  } catch {
    return null;
  }
}

interface JscSnapshot {
  nodes: number[];
  nodeClassNames: string[];
}

/** JavaScriptCore's inspector snapshot: nodes of 4 numbers, [id, size, class name index, flags]. */
function fromJsc(s: JscSnapshot): Map<string, TypeCount> {
  const by = new Map<string, TypeCount>();
  for (let i = 0; i + 3 < s.nodes.length; i += 4) add(by, s.nodeClassNames[s.nodes[i + 2]] ?? "(unknown)", s.nodes[i + 1]);
  return by;
}

interface V8Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** V8's snapshot: objects by their constructor's name, other cells by their kind. */
function fromV8(s: V8Snapshot): Map<string, TypeCount> {
  const fields = s.snapshot.meta.node_fields, kinds = s.snapshot.meta.node_types[0];
  const stride = fields.length, type = fields.indexOf("type"), name = fields.indexOf("name"), size = fields.indexOf("self_size");
  const by = new Map<string, TypeCount>();
  for (let i = 0; i + stride <= s.nodes.length; i += stride) {
    const kind = kinds[s.nodes[i + type]];
    // V8 names some objects with their id ("system / Context / scope @288565"): one type, not one each.
    const label = kind === "object" ? s.strings[s.nodes[i + name]].replace(/ @\d+$/, "") : kind.endsWith("string") ? "(string)" : `(${kind})`;
    add(by, label, s.nodes[i + size]);
  }
  return by;
}

/**
 * The engines' compiled code (JavaScriptCore's code blocks and executables, V8's "(code)"):
 * it grows as the JIT compiles the case and the counting, and is not data the case made.
 */
const COMPILED_CODE = /CodeBlock$|Executable$|^\(code\)$/;

/** Growths smaller than both are left out. */
export const MIN_BYTES = 64 * 1024, MIN_COUNT = 1000;

function add(by: Map<string, TypeCount>, type: string, size: number): void {
  const t = by.get(type);
  if (t) {
    t.count++;
    t.size += size;
  } else by.set(type, { count: 1, size });
}

/**
 * The `top` types that grew most from `before` to `after`, by bytes then by count; only those
 * that grew by at least {@link MIN_BYTES} or {@link MIN_COUNT} (below that is the metadata
 * the runtime itself makes while the case and the counting run, tens of KiB), compiled code
 * left out.
 *
 * @example
 * ```ts
 * grownTypes(new Map(), new Map([["Leaked", { count: 1000, size: 32000 }], ["Structure", { count: 3, size: 400 }]]));
 * // [{ type: "Leaked", count: 1000, size: 32000 }]
 * ```
 */
export function grownTypes(before: Map<string, TypeCount>, after: Map<string, TypeCount>, top = 10): TypeGrowth[] {
  const grown: TypeGrowth[] = [];
  for (const [type, a] of after) {
    if (COMPILED_CODE.test(type)) continue;
    const b = before.get(type) ?? { count: 0, size: 0 };
    const g = { type, count: a.count - b.count, size: a.size - b.size };
    if (g.size >= MIN_BYTES || g.count >= MIN_COUNT) grown.push(g);
  }
  return grown.sort((x, y) => y.size - x.size || y.count - x.count || (x.type < y.type ? -1 : 1)).slice(0, top);
}
