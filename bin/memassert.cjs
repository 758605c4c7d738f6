#!/usr/bin/env node
/**
 * The `memassert` command of the npm package, run by Node alone (no Bun or Deno needed).
 *
 * memassert is one compiled executable per platform, each in a package of its own
 * (`@memassert/linux-x64`) that the main package lists as an optional dependency: npm installs
 * the one whose `os`, `cpu` and `libc` match this machine and skips the others. This launcher
 * finds it and runs it with the same arguments, standard streams, exit status and signals.
 * `MEMASSERT_BIN` names another executable. The plugins require this file to find the
 * executable too (plugins/common/remote.ts); it only runs when it is the main module.
 *
 * Exit status 125 (as "memassert itself failed") when there is no executable to run.
 *
 * @example
 * ```sh
 * npx memassert run -- true
 * MEMASSERT_BIN=./dist/memassert npx memassert --help
 * ```
 */
"use strict";

/** The executable's package for each platform memassert is built for, keyed `PLATFORM ARCH`. */
const PACKAGES = { "linux x64": "@memassert/linux-x64" };

/** The C library the executables are linked against (they are Bun executables: glibc). */
const LIBC = "glibc";

/** Where the executable sits in its package. */
const EXECUTABLE = "bin/memassert";

/** memassert's own exit status for "memassert itself failed" (README, `memassert --help`). */
const EXIT_FAILED = 125;

/** No executable can be had here; `code` says why: `ERR_MEMASSERT_PLATFORM` or `ERR_MEMASSERT_NOT_INSTALLED`. */
class LauncherError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "LauncherError";
    this.code = code;
  }
}

/** The package holding the executable for `platform` and `arch` (Node's names), or null. */
function platformPackage(platform, arch) {
  return PACKAGES[`${platform} ${arch}`] ?? null;
}

/**
 * The C library of this Linux system: Node's report names glibc's version, and none under
 * musl. Null when the runtime gives no report.
 */
function libcFamily() {
  const header = process.report?.getReport?.().header;
  if (!header) return null;
  return header.glibcVersionRuntime ? "glibc" : "musl";
}

/**
 * The path of the executable to run: $MEMASSERT_BIN, else the platform package's. Throws a
 * {@link LauncherError} naming the platform and the fix when there is none.
 * `platform`, `arch`, `env`, `resolve` and `libc` default to this process's.
 */
function findExecutable(options = {}) {
  const {
    platform = process.platform, arch = process.arch, env = process.env,
    resolve = require.resolve, libc = libcFamily,
  } = options;
  if (env.MEMASSERT_BIN) return env.MEMASSERT_BIN;
  const name = platformPackage(platform, arch);
  if (name === null) {
    const built = Object.keys(PACKAGES).join(", ");
    throw new LauncherError("ERR_MEMASSERT_PLATFORM",
      `memassert has no executable for ${platform} ${arch}: it measures Linux processes with ptrace, ` +
      `and is built for ${built} only. Run it on one of those (a container or a VM will do), ` +
      "or set MEMASSERT_BIN to a memassert executable.");
  }
  try {
    return resolve(`${name}/${EXECUTABLE}`);
  } catch {
    const family = platform === "linux" ? libc() : null;
    const why = family !== null && family !== LIBC
      ? `npm skipped it because this system's C library is ${family}, and the executable needs ${LIBC} ` +
        "(on Alpine, use a Debian- or Ubuntu-based image)"
      : "npm skips optional dependencies under --omit=optional or --no-optional, and when the lock file " +
        "was written on another platform by an npm that left this one's packages out; " +
        `reinstall without that option, or add it: npm install ${name}`;
    throw new LauncherError("ERR_MEMASSERT_NOT_INSTALLED",
      `memassert's executable for ${platform} ${arch} comes in the package ${name}, which is not installed: ${why}. ` +
      "Or set MEMASSERT_BIN to a memassert executable.");
  }
}

/**
 * How long a signal sent to the launcher alone waits before it is passed on (see {@link launch}):
 * memassert stops within a few hundred milliseconds of its first signal (0.3 s for a
 * `memassert test` of two running cases on a loaded machine), and must not get a second.
 */
const FORWARD_AFTER_MS = 2000;

/**
 * Runs the executable with `args` and ends this process as it ends: its exit status, or the
 * signal that killed it.
 *
 * Ctrl-C, a closing terminal and `timeout` signal the whole process group, memassert included;
 * a second signal tells memassert to stop at once rather than report, so the launcher does not
 * send the same signal again straight away. (Under `npx`, npm also passes SIGINT and SIGTERM
 * on to the launcher.) A signal sent to the launcher alone (`kill PID`) is passed on if
 * memassert is still running {@link FORWARD_AFTER_MS} later.
 */
function launch(exe, args) {
  const { spawn } = require("node:child_process");
  const child = spawn(exe, args, { stdio: "inherit" });
  const timers = new Set();
  const handlers = ["SIGINT", "SIGTERM", "SIGHUP"].map((signal) => {
    const handler = () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      }, FORWARD_AFTER_MS);
      timers.add(timer);
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  const settle = () => {
    for (const timer of timers) clearTimeout(timer);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
  child.on("error", (error) => {
    settle();
    process.stderr.write(`memassert: cannot run ${exe}: ${error.message}\n`);
    process.exit(EXIT_FAILED);
  });
  child.on("exit", (code, signal) => {
    settle();
    if (signal === null) process.exit(code);
    // Die of the same signal, as a shell expects; 128+N if this process survives it.
    process.kill(process.pid, signal);
    process.exit(128 + (require("node:os").constants.signals[signal] ?? 0));
  });
}

if (require.main === module) {
  let exe;
  try {
    exe = findExecutable();
  } catch (error) {
    if (!(error instanceof LauncherError)) throw error;
    process.stderr.write(`memassert: ${error.message}\n`);
    process.exit(EXIT_FAILED);
  }
  launch(exe, process.argv.slice(2));
}

module.exports = { EXECUTABLE, findExecutable, LauncherError, PACKAGES, platformPackage };
