/**
 * The platform package (`@memassert/linux-x64`): the compiled executable of build/compile.ts
 * at `bin/memassert`, and a package.json whose `os`, `cpu` and `libc` let npm install it only
 * where it runs. The main package lists it as an optional dependency and its launcher,
 * bin/memassert.cjs, finds it; the launcher also names the packages, so that they are named once.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** What bin/memassert.cjs exports to the build. */
interface Launcher {
  EXECUTABLE: string;
  platformPackage(platform: string, arch: string): string | null;
}

/** The launcher, the one place that knows which package holds which platform's executable. */
export const launcher = createRequire(import.meta.url)("../bin/memassert.cjs") as Launcher;

/** The platform an executable is built for, in Node's names, and the C library it links. */
export interface Platform {
  os: string;
  cpu: string;
  libc: string;
}

/** The only platform built today: the executable is Bun's for Linux x86_64, linked with glibc. */
export const LINUX_X64: Platform = { os: "linux", cpu: "x64", libc: "glibc" };

/** The name of the package holding `platform`'s executable. */
export function platformPackageName(platform: Platform): string {
  const name = launcher.platformPackage(platform.os, platform.cpu);
  if (name === null) throw new Error(`bin/memassert.cjs names no package for ${platform.os} ${platform.cpu}: add it to PACKAGES there`);
  return name;
}

/**
 * Writes the platform package into `outdir`, replacing what was there: `executable` copied to
 * bin/memassert (mode 755) and its package.json, versioned as the main package.
 */
export function buildPlatformPackage(outdir: string, executable: string, version: string, platform = LINUX_X64): string[] {
  if (!existsSync(executable)) throw new Error(`Cannot package ${executable}: it does not exist (build it first: bun build/compile.ts)`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, "bin"), { recursive: true });
  const target = join(outdir, launcher.EXECUTABLE);
  copyFileSync(executable, target);
  chmodSync(target, 0o755);
  const name = platformPackageName(platform);
  const manifest = {
    name,
    version,
    description: `The memassert executable for ${platform.os} ${platform.cpu} (${platform.libc}); installed by the memassert package`,
    license: "MIT",
    os: [platform.os],
    cpu: [platform.cpu],
    libc: [platform.libc],
    files: [launcher.EXECUTABLE],
    // Yarn 2+ would otherwise leave the executable inside a zip archive, where it cannot run.
    preferUnplugged: true,
  };
  writeFileSync(join(outdir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  writeFileSync(join(outdir, "README.md"), `# ${name}\n\nThe compiled memassert executable for ${platform.os} ${platform.cpu} ` +
    `(${platform.libc}). Install \`memassert\`, not this package: its \`memassert\` command finds this one.\n`);
  return [launcher.EXECUTABLE, "README.md", "package.json"];
}
