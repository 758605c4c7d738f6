/**
 * Builds the single executable `dist/memassert`: `bun build/compile.ts`.
 *
 * Same as `bun build --compile --minify --bytecode --splitting --format=esm` on the entry
 * points of build/entries.ts. The tracer's Worker is an entry point of its own because Bun
 * does not follow `new Worker(url)` into the bundle; inside the executable every entry point
 * sits in `/$bunfs/root/` as `<out>.js`, beside the chunks (see runner/trace/entry.ts).
 */
import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXECUTABLE_ENTRIES } from "./entries.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const outfile = join(root, "dist/memassert");
// Bun names each entry point after its source file (naming below): that must be its `out`.
for (const e of EXECUTABLE_ENTRIES) {
  if (basename(e.source).replace(/\.ts$/, "") !== e.out) throw new Error(`${e.source} would be emitted as ${basename(e.source)}, not ${e.out}.js`);
}
const entrypoints = EXECUTABLE_ENTRIES.map((e) => join(root, e.source));

let result: Awaited<ReturnType<typeof Bun.build>>;
try {
  result = await Bun.build({
    entrypoints,
    // A .env or bunfig.toml where memassert runs must not change it, nor the environment it
    // gives the command it measures.
    compile: { outfile, autoloadDotenv: false, autoloadBunfig: false },
    target: "bun",
    format: "esm",
    minify: true,
    // Code only a subcommand needs (the tracer, the test runner) loads only when it runs.
    splitting: true,
    bytecode: true,
    // Entry points side by side in /$bunfs/root/, as `<out>.js`.
    naming: { entry: "[name].[ext]" },
  });
} catch (error) {
  // Bun.build throws an AggregateError whose `errors` are the build messages.
  const messages = error instanceof AggregateError ? error.errors : [error];
  for (const message of messages) console.error(message);
  console.error(`Could not build ${outfile}`);
  process.exit(1);
}
for (const log of result.logs) console.error(log);
if (!result.success) {
  console.error(`Could not build ${outfile}`);
  process.exit(1);
}

const bytes = statSync(outfile).size;
console.log(`${outfile}: ${bytes} bytes (${(bytes / 2 ** 20).toFixed(1)} MiB)`);
