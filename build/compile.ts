/**
 * Builds the single executable `dist/memassert`: `bun build/compile.ts`.
 *
 * Same as `bun build --compile --minify --bytecode --splitting --format=esm
 * runner/bin.ts runner/trace_worker.ts --outfile dist/memassert`.
 *
 * The tracer's Worker file is a second entry point because Bun does not follow
 * `new Worker(url)` into the bundle. Inside the executable the entry points sit
 * side by side in `/$bunfs/root/` (named after the outfile and
 * `trace_worker.js`), so the worker URL built in runner/worker_pool.ts, relative
 * to its own module, finds it only because that module sits in `runner/` too.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outfile = join(root, "dist/memassert");
const entrypoints = ["runner/bin.ts", "runner/trace_worker.ts"].map((file) => join(root, file));

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
