/** A full garbage collection, so that a case starts from a settled heap. */

/**
 * Collects everything collectable. Under Deno, gc is exposed here rather than with
 * --v8-flags=--expose-gc when the runner did not have the flag: Deno keeps one V8 code cache
 * per set of flags, and a case's process started with other flags than the runner's would
 * throw away and rebuild the cache of every module they share.
 */
export async function fullGc(): Promise<void> {
  const g = globalThis as { Bun?: { gc(full: boolean): void } };
  if (g.Bun) {
    // JavaScriptCore: a second pass collects what the first one's finalizers freed.
    g.Bun.gc(true);
    g.Bun.gc(true);
    return;
  }
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed();
  const [{ default: v8 }, { default: vm }] = await Promise.all([import("node:v8"), import("node:vm")]);
  v8.setFlagsFromString("--expose-gc");
  // One full V8 collection settles the heap as well as two. Through a new context it takes
  // 5-10 ms (the exposed gc(): ~2 ms).
  vm.runInNewContext("gc")();
}
