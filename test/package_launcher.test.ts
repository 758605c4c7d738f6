/**
 * The npm package's `memassert` command, bin/memassert.cjs, run by Node: on a platform with no
 * executable (faked), or with the platform package missing, it says why and what to do and
 * exits 125; given an executable it passes on the exit status, dies of the signal that killed
 * it, passes on a SIGTERM sent to it alone, and does not repeat one sent to its whole group.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";

const LAUNCHER = `${ROOT}bin/memassert.cjs`;
const DIST = `${ROOT}dist/memassert`;
const tmp = mkdtempSync(join(tmpdir(), "memassert-launcher-"));

interface FindOptions {
  platform?: string;
  arch?: string;
  env?: Record<string, string | undefined>;
  resolve?: (id: string) => string;
  libc?: () => string;
}
const launcher = createRequire(import.meta.url)(LAUNCHER) as {
  findExecutable(o?: FindOptions): string;
  platformPackage(platform: string, arch: string): string | null;
};

/** Node running the launcher, with `env` as its whole environment besides PATH and HOME. */
function node(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync("node", args, {
    cwd: tmp, encoding: "utf8", timeout: 60_000,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? tmp, NO_COLOR: "1", ...env },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Which throws what `findExecutable(o)` throws, or fails. */
function thrown(o: FindOptions): Error & { code?: string } {
  try {
    launcher.findExecutable(o);
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("findExecutable did not throw");
}

const missing = (id: string): string => {
  throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
};

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test("on a platform with no executable (darwin arm64, faked in Node's process), it names the platform and what runs, and exits 125", () => {
  const fake = join(tmp, "darwin.cjs");
  writeFileSync(fake, `Object.defineProperty(process, "platform", { value: "darwin" });
Object.defineProperty(process, "arch", { value: "arm64" });\n`);
  const r = node(["--require", fake, LAUNCHER, "run", "--", "true"]);
  assert.is(r.status, 125, r.stderr);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /^memassert: memassert has no executable for darwin arm64: it measures Linux processes with ptrace, and is built for linux x64 only\./);
  assert.match(r.stderr, /set MEMASSERT_BIN to a memassert executable/);
});

test("the error for a platform with no build has a stable code; win32 x64 and linux arm64 have none", () => {
  assert.is(launcher.platformPackage("linux", "x64"), "@memassert/linux-x64");
  for (const [platform, arch] of [["win32", "x64"], ["linux", "arm64"], ["darwin", "x64"]]) {
    assert.is(launcher.platformPackage(platform, arch), null);
    const e = thrown({ platform, arch, env: {}, resolve: missing });
    assert.is(e.code, "ERR_MEMASSERT_PLATFORM");
    assert.ok(e.message.includes(`no executable for ${platform} ${arch}`), e.message);
  }
});

test("on linux x64 without the platform package (installed with --omit=optional), it names the package and the fix, and exits 125", () => {
  // The checkout has no node_modules/@memassert/linux-x64 for the launcher to find.
  const r = node([LAUNCHER, "--help"]);
  assert.is(r.status, 125, r.stderr);
  assert.match(r.stderr, /comes in the package @memassert\/linux-x64, which is not installed/);
  assert.match(r.stderr, /--omit=optional/);
  assert.match(r.stderr, /npm install @memassert\/linux-x64/);
});

test("on a musl system the missing package is explained by the C library", () => {
  const e = thrown({ platform: "linux", arch: "x64", env: {}, resolve: missing, libc: () => "musl" });
  assert.is(e.code, "ERR_MEMASSERT_NOT_INSTALLED");
  assert.match(e.message, /this system's C library is musl, and the executable needs glibc/);
});

test("the platform package's executable is found where Node resolves it, and MEMASSERT_BIN comes first", () => {
  const resolved: string[] = [];
  const resolve = (id: string) => (resolved.push(id), `/n/${id}`);
  assert.is(launcher.findExecutable({ platform: "linux", arch: "x64", env: {}, resolve }), "/n/@memassert/linux-x64/bin/memassert");
  assert.equal(resolved, ["@memassert/linux-x64/bin/memassert"]);
  assert.is(launcher.findExecutable({ platform: "darwin", arch: "arm64", env: { MEMASSERT_BIN: "/x/memassert" }, resolve }), "/x/memassert");
});

test("with MEMASSERT_BIN, the executable's exit status passes through, and its arguments and output are untouched", () => {
  const r = node([LAUNCHER, "run", "--quiet", "--", "sh", "-c", "echo 'a  b'; exit 3"], { MEMASSERT_BIN: DIST });
  assert.is(r.status, 3, r.stderr);
  assert.is(r.stdout, "a  b\n");
});

test("an executable killed by a signal kills the launcher with the same signal", () => {
  const script = join(tmp, "dies.sh");
  writeFileSync(script, "#!/bin/sh\nkill -KILL $$\n");
  chmodSync(script, 0o755);
  const r = node([LAUNCHER], { MEMASSERT_BIN: script });
  assert.is(r.signal, "SIGKILL", `status ${r.status}: ${r.stderr}`);
});

test("an executable that cannot be started is named, exit status 125", () => {
  const r = node([LAUNCHER, "--help"], { MEMASSERT_BIN: join(tmp, "nothing-here") });
  assert.is(r.status, 125);
  assert.match(r.stderr, /^memassert: cannot run .*nothing-here: .*ENOENT/);
});

/** Whether a live process has exactly `argv` as its command line. */
function running(argv: string[]): boolean {
  const wanted = argv.join("\0") + "\0";
  return readdirSync("/proc").some((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, "latin1") === wanted;
    } catch {
      return false; // gone meanwhile
    }
  });
}

test("a SIGTERM sent to the launcher alone reaches memassert, which reports and exits 143", async () => {
  // A duration no other process sleeps for marks the command memassert runs.
  const sleep = ["sleep", `30.${process.pid}`];
  const child = spawn("node", [LAUNCHER, "run", "--", ...sleep], {
    cwd: tmp, env: { ...process.env, MEMASSERT_BIN: DIST, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => stderr += d);
  // Once `sleep` runs, memassert is tracing it.
  for (const deadline = Date.now() + 30_000; !running(sleep);) {
    assert.ok(Date.now() < deadline, `sleep never started: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // Not child.kill(): Deno's then reports the child as killed by it, whatever its exit status.
  process.kill(child.pid!, "SIGTERM");
  // Not passed on, memassert would trace `sleep` to its end: 30 s.
  const cutoff = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on("close", (c, s) => r([c, s])));
  clearTimeout(cutoff);
  assert.is(signal, null, stderr);
  assert.is(code, 143, stderr);
  assert.match(stderr, /interrupted \(SIGTERM\)/);
});

test("a SIGTERM to the whole process group (as timeout sends) reaches memassert once: it stops the run and still reports, exit 143", async () => {
  const dir = join(tmp, "group");
  mkdirSync(dir);
  const started = join(dir, "started");
  writeFileSync(join(dir, "waits.mem.ts"), `
import { writeFileSync } from "node:fs";
import { test } from "memassert";
test("waits", { timeout: 60_000 }, () => {
  writeFileSync(${JSON.stringify(started)}, "");
  for (const end = Date.now() + 30_000; Date.now() < end;);
});
`);
  // A group of its own, as a shell gives a job: the signal goes to the launcher, memassert and the case.
  const child = spawn("node", [LAUNCHER, "test", dir], {
    cwd: tmp, env: { ...process.env, MEMASSERT_BIN: DIST, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true,
  });
  let stdout = "", stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => stdout += d);
  child.stderr.setEncoding("utf8").on("data", (d: string) => stderr += d);
  const closed = new Promise<[number | null, string | null]>((r) => child.on("close", (c, s) => r([c, s])));
  for (const deadline = Date.now() + 60_000; !existsSync(started);) {
    assert.ok(Date.now() < deadline, `the case never started: ${stdout}${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(-child.pid!, "SIGTERM");
  const cutoff = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20_000);
  const [code, signal] = await closed;
  clearTimeout(cutoff);
  assert.is(signal, null, stderr);
  assert.is(code, 143, `${stdout}${stderr}`);
  // A second SIGTERM would have ended memassert before its report.
  assert.match(stdout, /0 passed, 1 failed/, `no report: ${stdout}${stderr}`);
  assert.match(stdout, /interrupted: the test run was stopped before this case ended/);
});

test.run();
