/** libc through Deno.dlopen. */
import { nativeCalls } from "./x86_64/routines.ts";
import { NATIVE_CODE_HEX, NATIVE_OFFSETS } from "./x86_64/native.ts";
import { SYS_X86_64 } from "./x86_64/syscalls.ts";
import {
  CODE_BYTES, hexBytes, type Libc, MAP_PRIVATE_ANONYMOUS, NativeError,
  PROT_EXEC, PROT_READ, PROT_WRITE, STACK_BYTES,
} from "./types.ts";

// deno-lint-ignore no-explicit-any
declare const Deno: any;

const SYMBOLS = {
  wait4: { parameters: ["i32", "buffer", "i32", "usize"], result: "i32" },
  ptrace: { parameters: ["i32", "i32", "usize", "usize"], result: "i32" },
  ptrace_out: { name: "ptrace", parameters: ["i32", "i32", "usize", "buffer"], result: "i32" },
  open: { parameters: ["buffer", "i32", "i32"], result: "i32" },
  pread: { parameters: ["i32", "buffer", "usize", "i64"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  read: { parameters: ["i32", "buffer", "usize"], result: "i32" },
  write: { parameters: ["i32", "buffer", "usize"], result: "i32" },
  readlink: { parameters: ["buffer", "buffer", "usize"], result: "i32" },
  access: { parameters: ["buffer", "i32"], result: "i32" },
  syscall: { parameters: ["i64", "buffer", "i32", "i32", "i32", "u64"], result: "i32" },
  getxattr: { parameters: ["buffer", "buffer", "pointer", "usize"], result: "i32" },
  kill: { parameters: ["i32", "i32"], result: "i32" },
  madvise: { parameters: ["usize", "usize", "i32"], result: "i32" },
  gettid: { parameters: [], result: "i32" },
  getpid: { parameters: [], result: "i32" },
  sigaction: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer" },
  mmap: { parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"], result: "pointer" },
  mprotect: { parameters: ["pointer", "usize", "i32"], result: "i32" },
  memcpy: { parameters: ["pointer", "buffer", "usize"], result: "pointer" },
} as const;

/** Loads libc for the calling thread (errno is per thread). */
export function load(): Libc {
  if (Deno.permissions.querySync?.({ name: "ffi" }).state !== "granted") {
    throw new Error("memassert needs FFI to trace: run Deno with --allow-ffi (and --allow-read, --allow-run)");
  }
  const { symbols: c } = Deno.dlopen("libc.so.6", SYMBOLS);
  const errnoView = new Deno.UnsafePointerView(c.__errno_location());
  const code = hexBytes(NATIVE_CODE_HEX);
  const base = c.mmap(null, CODE_BYTES + STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
  const baseAddress = BigInt(Deno.UnsafePointer.value(base));
  if (baseAddress === 0n || baseAddress === 0xffffffffffffffffn) {
    throw new NativeError("mmap", errnoView.getInt32(), "spawn routine");
  }
  c.memcpy(base, code, code.length);
  if (c.mprotect(base, CODE_BYTES, PROT_READ | PROT_EXEC) !== 0) {
    throw new NativeError("mprotect", errnoView.getInt32(), "spawn routine");
  }
  const routine = new Deno.UnsafeFnPointer(base, { parameters: ["buffer"], result: "i32" });
  const seccomp = new Deno.UnsafeFnPointer(
    Deno.UnsafePointer.create(baseAddress + BigInt(NATIVE_OFFSETS.seccomp)),
    { parameters: ["buffer", "u32"], result: "i32" },
  );
  const wait = new Deno.UnsafeFnPointer(
    Deno.UnsafePointer.create(baseAddress + BigInt(NATIVE_OFFSETS.wait)),
    { parameters: ["buffer", "i32"], result: "i32" },
  );
  const address = (view: ArrayBufferView) => BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(view)));
  return {
    runtime: "deno",
    wait4: (pid, status, options) => c.wait4(pid, status, options, 0),
    ptrace: (request, pid, data) => c.ptrace(request, pid, 0, data),
    ptraceOut: (request, pid, out) => c.ptrace_out(request, pid, 0, out),
    open: (path, flags) => c.open(path, flags, 0),
    pread: (fd, buf, length, offset) => c.pread(fd, buf, length, offset),
    close: (fd) => c.close(fd),
    read: (fd, buf, length) => c.read(fd, buf, length),
    write: (fd, buf, length) => c.write(fd, buf, length),
    readlink: (path, buf, length) => c.readlink(path, buf, length),
    access: (path, mode) => c.access(path, mode),
    perfEventOpen: (attr, pid, flags) => c.syscall(SYS_X86_64.perf_event_open, attr, pid, -1, -1, flags),
    xattrSize: (path, name) => c.getxattr(path, name, null, 0),
    kill: (pid, signal) => c.kill(pid, signal),
    madvise: (addr, length, advice) => c.madvise(addr, length, advice),
    gettid: () => c.gettid(),
    errno: () => errnoView.getInt32(),
    address,
    ...nativeCalls({
      base: baseAddress,
      data: new BigInt64Array(new Deno.UnsafePointerView(base).getArrayBuffer(32, CODE_BYTES)),
      callSpawn: (args) => routine.call(args),
      callSeccomp: (prog, flags) => seccomp.call(prog, flags),
      callWait: (status, options) => wait.call(status, options),
      sigaction: (sig, act, old) => c.sigaction(sig, act, old),
      getpid: () => c.getpid(),
      gettid: () => c.gettid(),
      address,
    }),
  };
}
