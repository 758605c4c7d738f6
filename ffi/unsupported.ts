/**
 * Where memassert cannot trace: a runtime without FFI (Node). The library's Node build
 * (build/package.ts) puts this module's {@link measure} in place of the tracing one, so that
 * what needs no FFI (budgets, sizes, reports, `test()` declarations) works under Node and
 * `measure()` says what to use instead.
 */

/**
 * Thrown where memassert needs what this runtime lacks: `measure()` under Node, which has no
 * FFI to trace with, or a plugin imported outside its test runner. `code` is always
 * `"ERR_MEMASSERT_RUNTIME"`; `feature` names what was asked for.
 *
 * @example
 * ```ts
 * import { measure, UnsupportedRuntimeError } from "memassert";
 * try {
 *   await measure(["make"]);
 * } catch (e) {
 *   if (e instanceof UnsupportedRuntimeError) console.error("run this file with bun or deno");
 *   else throw e;
 * }
 * ```
 */
export class UnsupportedRuntimeError extends Error {
  readonly code = "ERR_MEMASSERT_RUNTIME";
  /** What was asked for: `measure()`, `memassert/bun`… */
  readonly feature: string;
  constructor(feature: string, message: string) {
    super(message);
    this.name = "UnsupportedRuntimeError";
    this.feature = feature;
  }
}

/** The name of the runtime running this, for messages. */
function runtimeName(): string {
  const versions = (globalThis as { process?: { versions?: Record<string, string> } }).process?.versions ?? {};
  if (versions.bun) return `Bun ${versions.bun}`;
  if (versions.deno) return `Deno ${versions.deno}`;
  return versions.node ? `Node ${versions.node}` : "this runtime";
}

/** `measure()` where there is no FFI: rejects with an {@link UnsupportedRuntimeError} saying what works. */
export function measure(_argv: string[], _options?: unknown): Promise<never> {
  return Promise.reject(new UnsupportedRuntimeError("measure()",
    `measure() traces processes through FFI, which ${runtimeName()} does not have: run this code with Bun or Deno ` +
      "(deno run --allow-all), or measure the command with the memassert executable, which any runtime can start: " +
      "npx memassert run --json=result.json -- CMD"));
}

/** Throws, for a plugin imported under a runtime other than its test runner's. */
export function pluginElsewhere(plugin: string, runner: string): never {
  throw new UnsupportedRuntimeError(plugin,
    `${plugin} declares memory cases for ${runner}, and ${runtimeName()} is not running it: ` +
      `import ${plugin} from test files that ${runner} runs (memassert/uvu works under Node, Bun and Deno)`);
}
