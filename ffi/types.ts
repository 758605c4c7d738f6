/**
 * The one interface to libc that both runtimes implement (ffi/bun.ts and
 * ffi/deno.ts). Calls return what libc returns (-1 on failure, then read
 * `errno()`), so the tracer's per-stop loop pays for no allocation or throw.
 */
export interface Libc {
  readonly runtime: "bun" | "deno";
  /** wait4(pid, &status, options, NULL). */
  wait4(pid: number, status: Int32Array, options: number): number;
  /**
   * wait4(-1, &status, options, NULL) for the tracer's loop: the pid, 0 (WNOHANG, nothing to
   * report) or -errno; -EINTR at once when a signal was caught (see `catchSignals`), with no
   * window in which a signal could be missed.
   */
  waitAny(status: Int32Array, options: number): number;
  /** ptrace(request, pid, 0, data) with an integer data argument. */
  ptrace(request: number, pid: number, data: number): number;
  /** ptrace(request, pid, 0, out): requests that write into `out`. */
  ptraceOut(request: number, pid: number, out: ArrayBufferView): number;
  /** open(path, flags); `path` is NUL-terminated. */
  open(path: Uint8Array, flags: number): number;
  /** pread(fd, buf, length, offset). */
  pread(fd: number, buf: Uint8Array, length: number, offset: number): number;
  close(fd: number): number;
  /** read(fd, buf, length). */
  read(fd: number, buf: Uint8Array, length: number): number;
  /** write(fd, buf, length). */
  write(fd: number, buf: Uint8Array, length: number): number;
  /** readlink(path, buf, length): the bytes written, or -1; `path` is NUL-terminated. */
  readlink(path: Uint8Array, buf: Uint8Array, length: number): number;
  /** access(path, mode): 0 or -1; `path` is NUL-terminated. */
  access(path: Uint8Array, mode: number): number;
  /** perf_event_open(attr, pid, -1, -1, flags): a descriptor, or -1 (then `errno()`). */
  perfEventOpen(attr: Uint8Array, pid: number, flags: number): number;
  /** getxattr(path, name, NULL, 0): the size of the attribute, or -1 (ENODATA when absent). */
  xattrSize(path: Uint8Array, name: Uint8Array): number;
  kill(pid: number, signal: number): number;
  /** madvise(addr, length, advice). */
  madvise(addr: number, length: number, advice: number): number;
  gettid(): number;
  /** errno of the calling thread. */
  errno(): number;
  /** Address of a buffer's first byte; the buffer must own its ArrayBuffer. */
  address(view: ArrayBufferView): bigint;
  /** Calls the native spawn routine (ffi/x86_64/native.S) on an args block. */
  spawn(args: Uint8Array): number;
  /** Address of the instruction after the routine's execve syscall. */
  readonly spawnExecveReturn: bigint;
  /**
   * Catches `signals` natively, for a tracer blocked in wait4 on this thread (ffi/signals.ts);
   * returns the function that puts the previous handlers back.
   */
  catchSignals(signals: number[]): () => void;
  /** The signal caught since the last call (or `catchSignals`), or 0; each signal is returned once. */
  caughtSignal(): number;
  /** Adds a seccomp filter (sock_filter array) to this process; returns 0 or -errno. */
  addSeccompFilter(filter: Uint8Array, flags: number): number;
}

/** A libc call failed; carries the call's name and errno. */
export class NativeError extends Error {
  readonly call: string;
  readonly errno: number;
  constructor(call: string, errno: number, detail = "") {
    super(`${call} failed: ${errnoName(errno)} (errno ${errno})${detail ? ": " + detail : ""}`);
    this.name = "NativeError";
    this.call = call;
    this.errno = errno;
  }
}

const NAMES: Record<number, string> = {
  1: "EPERM", 2: "ENOENT", 3: "ESRCH", 4: "EINTR", 7: "E2BIG", 8: "ENOEXEC", 9: "EBADF",
  10: "ECHILD", 11: "EAGAIN", 12: "ENOMEM", 13: "EACCES", 14: "EFAULT", 20: "ENOTDIR",
  21: "EISDIR", 22: "EINVAL", 24: "EMFILE", 38: "ENOSYS", 40: "ELOOP", 36: "ENAMETOOLONG",
};

/** Symbolic name of an errno value ("EPERM"), or "errno N". */
export function errnoName(errno: number): string {
  return NAMES[errno] ?? `errno ${errno}`;
}

/** Allocates a zeroed buffer that owns its ArrayBuffer, so its address is stable. */
export function alloc(bytes: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(bytes));
}

/** The routine's code page and the child's stack: one mapping, code first. */
export const CODE_BYTES = 4096;
export const STACK_BYTES = 60 * 1024;
export const PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
export const MAP_PRIVATE_ANONYMOUS = 0x22;

/** A `struct sock_fprog` for a filter (which must stay alive while it is used). */
export function sockFprog(filter: Uint8Array, address: (view: ArrayBufferView) => bigint): Uint8Array {
  const prog = alloc(16);
  const view = new DataView(prog.buffer);
  view.setUint16(0, filter.length / 8, true);
  view.setBigUint64(8, address(filter), true);
  return prog;
}

/**
 * Decodes the routine's hex (lower case) into bytes: with the runtime's `Uint8Array.fromHex`
 * (~10 µs) where it has one, else by character codes; a loop of parseInt took ~0.5 ms of
 * every start.
 */
export function hexBytes(hex: string): Uint8Array {
  const native = (Uint8Array as { fromHex?: (hex: string) => Uint8Array }).fromHex;
  if (native) return native(hex);
  const out = alloc(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const a = hex.charCodeAt(2 * i), b = hex.charCodeAt(2 * i + 1);
    out[i] = ((a <= 57 ? a - 48 : a - 87) << 4) | (b <= 57 ? b - 48 : b - 87); // "0"-"9", "a"-"f"
  }
  return out;
}
