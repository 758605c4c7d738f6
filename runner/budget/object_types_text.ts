/** The table of object types a failed case left in the JS heap, as its failure text ends. */
import { formatBytes } from "./bytes.ts";
import type { CaseResult, TypeGrowth } from "./types.ts";

const SAY_NONE = "no object type grew in the JS heap: what grew was garbage (gone after a full GC), memory outside the JS heap, or the processes the case ran";

/**
 * The types that grew most, one a line under a heading, columns aligned; what to say when none
 * grew, or when the runtime could not count them.
 *
 * @example
 * ```ts
 * typesTable([{ type: "Leaked", count: 1000, size: 32000 }]);
 * // object types that grew most in the JS heap (heap snapshots after a full GC, in a run made again):
 * //   Leaked  +1000 objects  +31.3 KiB
 * ```
 */
export function typesTable(types: TypeGrowth[] | null): string {
  if (types === null) return "the object types could not be counted: the runtime gave no heap snapshot";
  if (types.length === 0) return SAY_NONE;
  const rows = types.map((t) => [t.type, `${sign(t.count)}${Math.abs(t.count)} objects`, `${sign(t.size)}${formatBytes(Math.abs(t.size))}`]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => `  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}`);
  return [`object types that grew most in the JS heap (heap snapshots after a full GC, in a run made again):`, ...lines].join("\n");
}

function sign(n: number): string {
  return n < 0 ? "-" : "+";
}

/** A failed case's failure, followed by the table of its object types when it has one. */
export function failureWithTypes(r: Pick<CaseResult, "failure" | "types">): string {
  const failure = r.failure ?? "failed (no reason was recorded)";
  return r.types === undefined ? failure : `${failure}\n${typesTable(r.types)}`;
}
