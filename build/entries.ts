/**
 * The entry points of both builds, in one list: the single executable
 * (build/compile.ts) and the npm package (build/package.ts). Each is emitted
 * as `<out>.js`, side by side with the chunks, which is where the code that
 * starts the run-time ones looks for them (runner/trace/entry.ts).
 */
import { type Entry, RUNTIME_ENTRIES } from "../runner/trace/entry.ts";

/** The library: `import { measure } from "memassert"`. */
export const LIBRARY: Entry = { source: "mod.ts", out: "mod" };
/** The `memassert` command. */
export const CLI: Entry = { source: "runner/bin.ts", out: "bin" };

/**
 * The plugins (`memassert/bun`, `memassert/deno`, `memassert/uvu`), and the case processes of
 * Deno's and uvu's, which the plugins start at run time and find beside themselves.
 */
export const PLUGINS = {
  bun: { source: "plugins/bun/mod.ts", out: "plugin_bun" },
  deno: { source: "plugins/deno/mod.ts", out: "plugin_deno" },
  uvu: { source: "plugins/uvu/mod.ts", out: "plugin_uvu" },
  denoCase: { source: "plugins/deno/case.ts", out: "deno_case" },
  uvuCase: { source: "plugins/uvu/case.ts", out: "uvu_case" },
} as const satisfies Record<string, Entry>;

/** `memassert/bun` and `memassert/deno` under another runtime: each throws, saying where it runs. */
export const ELSEWHERE = {
  bun: { source: "plugins/bun/elsewhere.ts", out: "plugin_bun_elsewhere" },
  deno: { source: "plugins/deno/elsewhere.ts", out: "plugin_deno_elsewhere" },
} as const satisfies Record<string, Entry>;

/**
 * The Node build, in a folder of its own (build/package.ts): the library, mod.ts with the
 * `measure()` of ffi/unsupported.ts since Node has no FFI to trace with, and the plugins that
 * throw, sharing its UnsupportedRuntimeError class (one class per build, for `instanceof`).
 */
export const NODE = {
  library: { source: LIBRARY.source, out: "node/mod" },
  bunElsewhere: { source: ELSEWHERE.bun.source, out: "node/plugin_bun_elsewhere" },
  denoElsewhere: { source: ELSEWHERE.deno.source, out: "node/plugin_deno_elsewhere" },
} as const satisfies Record<string, Entry>;

/**
 * The package's `exports`: for each sub-path, the entry point under each condition, in the
 * order a resolver tries them (Bun and Deno also match "node", so they come first).
 * Type declarations come from the sources (build/types.ts); memassert/deno has none, as
 * Deno's own types are not among the project's.
 */
export const EXPORTS: Record<string, Record<string, Entry>> = {
  ".": { bun: LIBRARY, deno: LIBRARY, node: NODE.library, default: LIBRARY },
  "./bun": { bun: PLUGINS.bun, deno: ELSEWHERE.bun, node: NODE.bunElsewhere, default: ELSEWHERE.bun },
  "./deno": { deno: PLUGINS.deno, bun: ELSEWHERE.deno, node: NODE.denoElsewhere, default: ELSEWHERE.deno },
  "./uvu": { default: PLUGINS.uvu },
};

/** The sub-paths with type declarations, and the source each one's are made from. */
export const TYPED: Record<string, string> = { ".": LIBRARY.source, "./bun": PLUGINS.bun.source, "./uvu": PLUGINS.uvu.source };

/** Every entry point of the npm package's bundle for Bun and Deno (the Node build is apart). */
export const PACKAGE_ENTRIES: Entry[] = [LIBRARY, CLI, ...Object.values(RUNTIME_ENTRIES), ...Object.values(PLUGINS), ...Object.values(ELSEWHERE)];

/**
 * Every entry point of the executable, the CLI first (it is what runs). A case's process is
 * the executable itself (`memassert __case`), so the case entry is not needed there.
 */
export const EXECUTABLE_ENTRIES: Entry[] = [CLI, RUNTIME_ENTRIES.traceWorker, RUNTIME_ENTRIES.samplerWorker];
