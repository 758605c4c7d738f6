/**
 * Boots another Linux kernel (Debian's 6.1 or 6.12, fetched by test/vm/provision.sh) under qemu,
 * with an initramfs made here: busybox, the programs to run, and an init script whose
 * console output comes back as text. Nested KVM is not available where the suite runs, so
 * qemu emulates (TCG), ~10× slower than the host. Only node: modules, so that the test
 * suite (Bun and Deno) and the benchmarks share it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";
import { closeSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What provision.sh found: the emulator, the kernel image, a static busybox. */
export interface VmKit {
  qemu: string;
  kernel: string;
  busybox: string;
  release: string;
}

/**
 * Runs test/vm/provision.sh for Debian's kernel `series` ("6.1", "6.12"): installs qemu and
 * downloads the kernel and busybox when they are missing, unless `cachedOnly`. Returns the
 * kit, or why there is none.
 */
export function provision(series: string, cachedOnly: boolean): VmKit | { skip: string } {
  const r = spawnSync("bash", [`${ROOT}test/vm/provision.sh`, ...(cachedOnly ? ["--cached-only"] : []), series], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const out = r.stdout ?? "";
  const skip = /^skip: (.*)$/m.exec(out) ?? new RegExp(`^skip ${series.replace(".", "\\.")} (.*)$`, "m").exec(out);
  if (skip) return { skip: skip[1] };
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, "m").exec(out)?.[1];
  const kernel = new RegExp(`^kernel ${series.replace(".", "\\.")} (.*)$`, "m").exec(out)?.[1];
  const kit = { qemu: value("qemu"), busybox: value("busybox"), kernel, release: kernel?.replace(/^.*\/vmlinuz-/, "") };
  if (r.status !== 0 || !kit.qemu || !kit.kernel || !kit.busybox || !kit.release) {
    return { skip: `test/vm/provision.sh failed (exit status ${r.status}): ${out.trim() || r.error?.message}` };
  }
  return kit as VmKit;
}

/** A file of the initramfs: copied from the host (`from`), or given as `text`. */
export interface VmFile {
  path: string;
  from?: string;
  text?: string;
  /** Permission bits; default 0o755. */
  mode?: number;
}

/** The shared libraries `ldd` lists for a dynamically linked executable, the loader included. */
export function librariesOf(executable: string): string[] {
  const out = execFileSync("ldd", [executable], { encoding: "utf8" });
  return [...out.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]);
}

/**
 * Writes an initramfs (a `newc` cpio archive, uncompressed: the kernel unpacks it faster
 * than it would decompress it) holding busybox as /bin/sh, /dev/console, `files` and
 * every directory they need.
 */
export function writeInitramfs(out: string, busybox: string, files: VmFile[]): void {
  const fd = openSync(out, "w");
  let ino = 1;
  const pad = (n: number) => writeSync(fd, Buffer.alloc((4 - (n % 4)) % 4));
  const entry = (name: string, mode: number, data: Buffer | string | null, rdev: [number, number] = [0, 0]) => {
    const size = data === null ? 0 : typeof data === "string" ? statSync(data).size : data.length;
    const fields = [ino++, mode, 0, 0, 1, 0, size, 0, 0, rdev[0], rdev[1], name.length + 1, 0];
    const header = "070701" + fields.map((f) => f.toString(16).padStart(8, "0")).join("") + name + "\0";
    writeSync(fd, header);
    pad(header.length);
    if (data === null) return;
    writeSync(fd, typeof data === "string" ? readFileSync(data) : data);
    pad(size);
  };
  const dirs = new Set<string>();
  const dir = (path: string) => {
    const parts = path.split("/").filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const d = parts.slice(0, i).join("/");
      if (!dirs.has(d)) entry(d, 0o40755, null);
      dirs.add(d);
    }
  };
  try {
    for (const d of ["bin", "dev", "proc", "sys", "tmp"]) dir(d);
    entry("dev/console", 0o20600, null, [5, 1]);
    entry("bin/busybox", 0o100755, busybox);
    entry("bin/sh", 0o120777, Buffer.from("busybox"));
    for (const f of files) {
      const name = f.path.replace(/^\/+/, "");
      dir(name.split("/").slice(0, -1).join("/"));
      entry(name, 0o100000 | (f.mode ?? 0o755), f.from ?? Buffer.from(f.text ?? ""));
    }
    entry("TRAILER!!!", 0, null);
  } finally {
    closeSync(fd);
  }
}

/** An init script: mounts what programs expect, runs `body`, powers off. Its output is the console's. */
export function initScript(body: string): string {
  return `#!/bin/sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
${body}
echo "@@@ done"
poweroff -f
`;
}

/** What a boot gave: the console's text (without carriage returns), how long, and whether init got to its end. */
export interface Boot {
  console: string;
  ms: number;
  finished: boolean;
}

/** Boots `kit`'s kernel with `initrd` and waits until it powers off (or `timeoutMs`). */
export function boot(kit: VmKit, initrd: string, o: { cpus?: number; memMiB?: number; timeoutMs?: number } = {}): Boot {
  const t0 = performance.now();
  const r = spawnSync(kit.qemu, [
    "-accel", "tcg,thread=multi", "-cpu", "max", "-smp", String(o.cpus ?? 2), "-m", String(o.memMiB ?? 2048),
    "-nodefaults", "-no-user-config", "-display", "none", "-serial", "stdio", "-no-reboot",
    "-kernel", kit.kernel, "-initrd", initrd,
    "-append", "console=ttyS0 loglevel=1 panic=-1 rdinit=/init",
  ], { encoding: "utf8", timeout: o.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  const text = (r.stdout ?? "").replace(/\r/g, "");
  return { console: text + (r.stderr ?? ""), ms: performance.now() - t0, finished: /^@@@ done$/m.test(text) };
}

/** Shell lines that print a file between markers, for {@link sections} to find. */
export function printFile(name: string, path: string): string {
  return `echo "@@@ begin ${name}"; cat ${path} 2>&1; echo; echo "@@@ end ${name}"`;
}

/** The text printed by {@link printFile} under each name. */
export function sections(console: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of console.matchAll(/^@@@ begin (\S+)\n([^]*?)\n@@@ end \1$/gm)) out.set(m[1], m[2]);
  return out;
}
