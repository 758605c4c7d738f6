/**
 * The npm package's type declarations: tsc, a devDependency, emits `.d.ts` files from the
 * sources of the typed entry points into `OUTDIR/types/`, at the sources' paths. They keep the
 * sources' `.ts` import specifiers, which TypeScript resolves to the `.d.ts` files beside them
 * (checked by test/package_install.test.ts with `moduleResolution: "nodenext"`).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The declaration file of `source` (a path relative to the repository), relative to the package. */
export function declarationOf(source: string): string {
  return `types/${source.replace(/\.ts$/, ".d.ts")}`;
}

/** Emits the declarations of `sources` and what they import into `outdir/types/`; throws tsc's messages. */
export function emitTypes(outdir: string, sources: string[]): void {
  const out = join(outdir, "types");
  rmSync(out, { recursive: true, force: true });
  // The project's tsconfig.json, emitting: written inside the repository, so that it finds
  // the same type packages (node_modules/@types, bun-types) as the type check does.
  const dir = join(root, ".cache");
  mkdirSync(dir, { recursive: true });
  const config = join(dir, `tsconfig.types.${process.pid}.json`);
  writeFileSync(config, JSON.stringify({
    extends: relative(dir, join(root, "tsconfig.json")),
    compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: out, rootDir: root },
    files: sources.map((s) => join(root, s)),
    include: [],
  }));
  try {
    const r = spawnSync(join(root, "node_modules/.bin/tsc"), ["-p", config], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tsc could not emit the type declarations (exit status ${r.status}):\n${r.stdout}${r.stderr}${r.error ?? ""}`);
  } finally {
    rmSync(config, { force: true });
  }
}
