/**
 * Builds the npm package `dist/package/`: `bun build/package.ts [OUTDIR]`
 * (`npm run package`; `deno run -A build/package.ts [OUTDIR]` works too).
 *
 * Its JavaScript is bundled by esbuild because Deno refuses to strip types
 * from files under node_modules: the sources, installed from npm, would not
 * load there. (Loading time is about that of the sources.) The entry points
 * are listed in build/entries.ts; those started at run time are found as files
 * beside the chunk that starts them (runner/trace/entry.ts), so every output
 * sits in OUTDIR itself, chunks included.
 *
 * Code splitting is what keeps `bun:ffi` away from Deno: ffi/mod.ts imports
 * ffi/bun.ts dynamically, under Bun only, so esbuild puts it in a chunk of its
 * own that only that import loads.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { EXPORTS, PACKAGE_ENTRIES } from "./entries.ts";

const root = fileURLToPath(new URL("..", import.meta.url));


/** Copied as they are, at the same paths. */
const COPIED = ["README.md", "schema/result.schema.json", "schema/test-report.schema.json"];

/** Builds the package into `outdir` (see {@link clear}) and returns the files written, sorted. */
export async function buildPackage(outdir: string): Promise<string[]> {
  clear(outdir);
  // Rejects with esbuild's messages when the build fails; they are also printed (logLevel).
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: PACKAGE_ENTRIES.map((e) => ({ in: e.source, out: e.out })),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "neutral",
    target: "esnext",
    // The plugins' test runners are the user's own: never a copy bundled here.
    external: ["bun:ffi", "bun:test", "node:*", "uvu"],
    // Beside the entry points: see the comment at the top.
    chunkNames: "[name]-[hash]",
    logLevel: "warning",
  });
  // esbuild keeps bin.ts's shebang (bun, without loading a .env); npm links bin.js as the `memassert` command.
  chmodSync(join(outdir, "bin.js"), 0o755);

  for (const file of COPIED) {
    mkdirSync(join(outdir, file, ".."), { recursive: true });
    copyFileSync(join(root, file), join(outdir, file));
  }
  const files = listFiles(outdir).sort();
  writeFileSync(join(outdir, "package.json"), JSON.stringify(manifest(files), null, 2) + "\n");
  return [...files, "package.json"].sort();
}

/** The published package.json: the root one's identity, the bundle's entry points, no dependencies. */
function manifest(files: string[]): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    type: "module",
    os: pkg.os,
    cpu: pkg.cpu,
    exports: Object.fromEntries(Object.entries(EXPORTS).map(([path, e]) => [path, `./${e.out}.js`])),
    bin: { memassert: "./bin.js" },
    files,
  };
}

/**
 * Removes an earlier build's files from `outdir` (those its package.json lists), and refuses
 * to build into a directory that holds anything else: OUTDIR may be any path.
 */
function clear(outdir: string): void {
  const manifestPath = join(outdir, "package.json");
  if (existsSync(manifestPath)) {
    const earlier = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (earlier.name === "memassert" && earlier.exports?.["."] === "./mod.js" && Array.isArray(earlier.files)) {
      for (const file of [...earlier.files, "package.json"]) rmSync(join(outdir, file), { force: true });
    }
  }
  if (existsSync(outdir) && listFiles(outdir).length > 0) {
    throw new Error(`Cannot build into ${outdir}: it holds files of no earlier build (choose a new or empty directory)`);
  }
  mkdirSync(outdir, { recursive: true });
}

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}

if (import.meta.main) {
  const outdir = resolve(process.argv[2] ?? join(root, "dist/package"));
  try {
    const files = await buildPackage(outdir);
    console.log(`${outdir}: ${files.join(", ")}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // Deno keeps esbuild's service process alive otherwise.
  await esbuild.stop();
}
