/**
 * The few file operations `memassert run` needs before and around tracing (/proc and /sys
 * texts, a PATH lookup, the standard streams), through libc once this thread has loaded it,
 * else through node:fs. Loading node:fs costs the compiled executable ~1 ms and ~4 MiB of
 * RSS at start (and Deno ~19 ms), as much as everything else memassert does to trace
 * `true`; so nothing on that path imports it, and code off that path reaches it through
 * {@link nodeFs}, which loads it on first use.
 */
import { ERRNO, type Libc, loadedLibc, O } from "../../ffi/mod.ts";

type NodeFs = typeof import("node:fs");

const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");
const F_OK = 0, X_OK = 1, W_OK = 2;
/** O_PATH: a descriptor that only names the file, opened whatever its permissions. */
const O_PATH = 0o10000000;
let fs: NodeFs | null = null;
/** One buffer for every read of this thread: texts are decoded before the next read. */
let buf = new Uint8Array(new ArrayBuffer(64 * 1024));

/** node:fs, loaded on first use. */
export function nodeFs(): NodeFs {
  return (fs ??= (process as unknown as { getBuiltinModule(id: string): NodeFs }).getBuiltinModule("node:fs"));
}

/** NUL-terminated path bytes, in a buffer that owns its memory (libc reads it by address). */
export function cPath(path: string): Uint8Array {
  const bytes = encoder.encode(path + "\0");
  const out = new Uint8Array(new ArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

/** The whole text of a file (latin1), or null when it cannot be read. */
export function readText(path: string): string | null {
  const libc = loadedLibc();
  if (libc !== null) return readWith(libc, path);
  try {
    return nodeFs().readFileSync(path, "latin1");
  } catch {
    return null;
  }
}

/**
 * The whole text of a file (latin1) read through `libc`, or null when it cannot be opened.
 * `whole`: the file is made in one piece as it is read (a /proc file of one record:
 * status, smaps_rollup, cmdline), so a read shorter than asked for reached its end and no
 * read that returns nothing is needed to tell.
 */
export function readWith(libc: Libc, path: string, whole = false): string | null {
  const fd = libc.open(cPath(path), O.RDONLY | O.CLOEXEC);
  if (fd < 0) return null;
  try {
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        const bigger = new Uint8Array(new ArrayBuffer(buf.length * 2));
        bigger.set(buf);
        buf = bigger;
      }
      // /proc files are generated on read: read to the end with plain offsets.
      const n = libc.pread(fd, buf.subarray(length), buf.length - length, length);
      if (n <= 0) return latin1.decode(buf.subarray(0, length));
      length += n;
      if (whole && length < buf.length) return latin1.decode(buf.subarray(0, length));
    }
  } finally {
    libc.close(fd);
  }
}

/** Where a symbolic link points, or null when `path` is none (or cannot be read). */
export function readLink(path: string): string | null {
  const libc = loadedLibc();
  if (libc === null) {
    try {
      return nodeFs().readlinkSync(path);
    } catch {
      return null;
    }
  }
  const n = libc.readlink(cPath(path), buf, buf.length);
  return n < 0 ? null : new TextDecoder().decode(buf.subarray(0, n));
}

/** What `path` is, following links: a directory, something else, or nothing (missing, or not reachable). */
export function kindOf(path: string): "directory" | "other" | null {
  const libc = loadedLibc();
  if (libc === null) {
    try {
      return nodeFs().statSync(path).isDirectory() ? "directory" : "other";
    } catch {
      return null;
    }
  }
  const p = cPath(path);
  if (libc.access(p, F_OK) !== 0) return null;
  const fd = libc.open(p, O_PATH | O.DIRECTORY | O.CLOEXEC);
  if (fd < 0) return "other";
  libc.close(fd);
  return "directory";
}

/** Whether this process may execute (`"x"`) or write (`"w"`) `path`, as access(2) says. */
export function mayAccess(path: string, what: "x" | "w"): boolean {
  const mode = what === "x" ? X_OK : W_OK;
  const libc = loadedLibc();
  if (libc === null) {
    try {
      nodeFs().accessSync(path, mode);
      return true;
    } catch {
      return false;
    }
  }
  return libc.access(cPath(path), mode) === 0;
}

/** Writes all of `bytes` to descriptor `fd`; false when it cannot (a reader that went away, a closed descriptor). */
export function writeAll(fd: number, bytes: Uint8Array): boolean {
  const libc = loadedLibc();
  if (libc === null) {
    const { writeSync } = nodeFs();
    for (let done = 0; done < bytes.length;) {
      try {
        done += writeSync(fd, bytes, done);
      } catch (error) {
        if ((error as { code?: string }).code === "EAGAIN") continue;
        return false;
      }
    }
    return true;
  }
  // libc reads the buffer by address: it must own its memory, from its first byte.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  for (let done = 0; done < own.length;) {
    const n = libc.write(fd, done === 0 ? own : own.subarray(done), own.length - done);
    if (n >= 0) done += n;
    else if (libc.errno() !== ERRNO.EINTR && libc.errno() !== ERRNO.EAGAIN) return false;
  }
  return true;
}
