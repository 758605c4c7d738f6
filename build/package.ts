/**
 * Builds the npm packages: `bun build/package.ts` (`npm run package`, after build/compile.ts)
 * writes the main package to dist/npm/memassert and the platform package
 * (build/platform_package.ts) to dist/npm/linux-x64, and packs both with `npm pack` into
 * dist/: `memassert-VERSION.tgz` and `memassert-linux-x64-VERSION.tgz`.
 * `bun build/package.ts --tarballs DIR` does the same in DIR (the executable is still
 * dist/memassert); `bun build/package.ts OUTDIR [--no-types]` builds only the main package,
 * into OUTDIR (without its `.d.ts` files, which tsc takes most of the time to emit).
 * (`deno run -A build/package.ts` works too.)
 *
 * The main package's `memassert` command is bin/memassert.cjs, which Node runs: it starts
 * the platform package's executable, so neither Bun nor Deno is needed to run memassert.
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
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { EXPORTS, NODE, PACKAGE_ENTRIES, TYPED } from "./entries.ts";
import { buildPlatformPackage, LINUX_X64, platformPackageName } from "./platform_package.ts";
import { declarationOf, emitTypes } from "./types.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Copied as they are, at the same paths. */
const COPIED = ["README.md", "bin/memassert.cjs", "schema/result.schema.json", "schema/test-report.schema.json"];

/** The `memassert` command: the launcher, run by Node. */
const LAUNCHER = "bin/memassert.cjs";

/** What {@link buildPackage} leaves out when asked. */
export interface PackageOptions {
  /** Emit the `.d.ts` files (default true): tsc takes most of the build's time. */
  types?: boolean;
}

/** Builds the package into `outdir` (see {@link clear}) and returns the files written, sorted. */
export async function buildPackage(outdir: string, options: PackageOptions = {}): Promise<string[]> {
  const types = options.types ?? true;
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
  // esbuild keeps bin.ts's shebang (bun, without loading a .env): `bun bin.js` runs the CLI from
  // the bundle (the plugins' last resort, plugins/common/remote.ts).
  chmodSync(join(outdir, "bin.js"), 0o755);

  for (const file of COPIED) {
    mkdirSync(join(outdir, file, ".."), { recursive: true });
    copyFileSync(join(root, file), join(outdir, file));
  }
  chmodSync(join(outdir, LAUNCHER), 0o755);
  await buildForNode(outdir);
  if (types) emitTypes(outdir, Object.values(TYPED));
  const files = listFiles(outdir).sort();
  writeFileSync(join(outdir, "package.json"), JSON.stringify(manifest(files, types), null, 2) + "\n");
  return [...files, "package.json"].sort();
}

/**
 * The Node build (build/entries.ts): mod.ts with ffi/unsupported.ts's `measure()` in place of
 * the one that traces (Node has no FFI), so that no tracing code is in it. MeasureError still
 * reaches ffi/mod.ts, for constants: split as in the main bundle, its runtime bindings stay
 * in chunks that nothing under Node loads.
 */
async function buildForNode(outdir: string): Promise<void> {
  const tracing = join(root, "runner/measure/measure.ts");
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.values(NODE).map((e) => ({ in: e.source, out: e.out })),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node18",
    external: ["bun:ffi"],
    chunkNames: "node/[name]-[hash]",
    logLevel: "warning",
    plugins: [{
      name: "measure-without-ffi",
      setup(build) {
        build.onResolve({ filter: /\/measure\.ts$/ }, (args) => {
          const path = join(args.resolveDir, args.path);
          return path === tracing ? { path: join(root, "ffi/unsupported.ts") } : undefined;
        });
      },
    }],
  });
}

/** The manifest's `exports`: each sub-path's conditions, its declarations first when `types`. */
function exportsField(types: boolean): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(EXPORTS).map(([path, conditions]) => {
    const typed: Record<string, string> = types && TYPED[path] !== undefined ? { types: `./${declarationOf(TYPED[path])}` } : {};
    const targets = Object.fromEntries(Object.entries(conditions).map(([condition, e]) => [condition, `./${e.out}.js`]));
    return [path, { ...typed, ...targets }];
  }));
}

/** The root package.json, whose identity the packages take. */
function rootManifest(): { name: string; version: string; description: string; license: string } {
  return JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
}

/**
 * The published package.json: the root one's identity, the bundle's entry points, the launcher
 * as the command, and the platform package as its only dependency, an optional one at the
 * same version. No `os` or `cpu`: it installs anywhere, and the launcher says why it cannot run.
 */
function manifest(files: string[], types: boolean): Record<string, unknown> {
  const pkg = rootManifest();
  return {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    type: "module",
    exports: exportsField(types),
    bin: { memassert: LAUNCHER },
    optionalDependencies: { [platformPackageName(LINUX_X64)]: pkg.version },
    engines: { node: ">=18" },
    files,
  };
}

/** Runs `npm pack` in `dir`, writing the tarball into `destination`; returns its path. */
function pack(dir: string, destination: string): string {
  const r = spawnSync("npm", ["pack", "--json", "--pack-destination", destination], { cwd: dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm pack in ${dir} failed (exit status ${r.status}): ${r.stderr}${r.error ?? ""}`);
  const [{ filename }] = JSON.parse(r.stdout) as { filename: string }[];
  return join(destination, filename);
}

/**
 * Builds both packages under `OUTDIR/npm/` and packs them into `outdir`, the platform package
 * holding `executable` (built by build/compile.ts); returns the tarballs' paths, the main
 * package's first.
 */
export async function buildTarballs(outdir: string, executable = join(root, "dist/memassert")): Promise<string[]> {
  const main = join(outdir, "npm/memassert");
  const platform = join(outdir, "npm", platformPackageName(LINUX_X64).split("/")[1]);
  await buildPackage(main);
  buildPlatformPackage(platform, executable, rootManifest().version);
  return [pack(main, outdir), pack(platform, outdir)];
}

/**
 * Removes an earlier build's files from `outdir` (those its package.json lists), and refuses
 * to build into a directory that holds anything else: OUTDIR may be any path.
 */
function clear(outdir: string): void {
  const manifestPath = join(outdir, "package.json");
  if (existsSync(manifestPath)) {
    const earlier = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (earlier.name === "memassert" && Array.isArray(earlier.files)) {
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
  const args = process.argv.slice(2);
  const types = !args.includes("--no-types");
  const [given, dir] = args.filter((a) => a !== "--no-types");
  try {
    if (given === undefined || given === "--tarballs") {
      const outdir = resolve(dir ?? join(root, "dist"));
      for (const tarball of await buildTarballs(outdir)) console.log(`${tarball}: ${statSync(tarball).size} bytes`);
    } else {
      const outdir = resolve(given);
      console.log(`${outdir}: ${(await buildPackage(outdir, { types })).join(", ")}`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // Deno keeps esbuild's service process alive otherwise.
  await esbuild.stop();
}
