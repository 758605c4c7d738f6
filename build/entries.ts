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

/** The package's `exports`: each sub-path and the entry point it names. */
export const EXPORTS: Record<string, Entry> = { ".": LIBRARY, "./bun": PLUGINS.bun, "./deno": PLUGINS.deno, "./uvu": PLUGINS.uvu };

/** Every entry point of the npm package. */
export const PACKAGE_ENTRIES: Entry[] = [LIBRARY, CLI, ...Object.values(RUNTIME_ENTRIES), ...Object.values(PLUGINS)];

/**
 * Every entry point of the executable, the CLI first (it is what runs). A case's process is
 * the executable itself (`memassert __case`), so the case entry is not needed there.
 */
export const EXECUTABLE_ENTRIES: Entry[] = [CLI, RUNTIME_ENTRIES.traceWorker, RUNTIME_ENTRIES.samplerWorker];
