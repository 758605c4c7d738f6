/**
 * The JS heap in use of this process, read the same way under Bun, Deno and Node: the runtime's
 * own figure (JavaScriptCore's or V8's), not RSS, so that what a case keeps in the heap shows
 * apart from the allocator's pages that stay mapped after a collection.
 */

/** Bytes of JS heap in use now; null where the runtime gives no figure. */
export function heapInUse(): number | null {
  const p = (globalThis as { process?: { memoryUsage?(): { heapUsed: number } } }).process;
  try {
    const used = p?.memoryUsage?.().heapUsed;
    return typeof used === "number" && Number.isFinite(used) ? used : null;
  } catch {
    return null;
  }
}
