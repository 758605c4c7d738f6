/** libc through bun:ffi. */
import { CFunction, dlopen, type Pointer, ptr, read, toArrayBuffer } from "bun:ffi";
import { nativeCalls } from "./x86_64/routines.ts";
import { NATIVE_CODE_HEX, NATIVE_OFFSETS } from "./x86_64/native.ts";
import { SYS_X86_64 } from "./x86_64/syscalls.ts";
import {
  CODE_BYTES, hexBytes, type Libc, MAP_PRIVATE_ANONYMOUS, NativeError,
  PROT_EXEC, PROT_READ, PROT_WRITE, STACK_BYTES,
} from "./types.ts";

// Bun compiles a trampoline for each symbol as it binds it (~60 µs each): what tracing a
// command needs is bound here, and madvise, which marks a case's start: binding it there
// would leave the compiler's memory in the RSS the case's growth starts from, and let it
// go during the case. The rest (privileged programs, perf counters, a kill) is bound the
// first time it is called.
const { symbols: c } = dlopen("libc.so.6", {
  wait4: { args: ["i32", "ptr", "i32", "ptr"], returns: "i32" },
  ptrace: { args: ["i32", "i32", "u64", "ptr"], returns: "i32" },
  open: { args: ["ptr", "i32", "i32"], returns: "i32" },
  pread: { args: ["i32", "ptr", "u64", "i64"], returns: "i32" },
  close: { args: ["i32"], returns: "i32" },
  write: { args: ["i32", "ptr", "u64"], returns: "i32" },
  readlink: { args: ["ptr", "ptr", "u64"], returns: "i32" },
  access: { args: ["ptr", "i32"], returns: "i32" },
  syscall: { args: ["i64", "ptr", "i32", "i32", "i32", "u64"], returns: "i32" },
  gettid: { args: [], returns: "i32" },
  getpid: { args: [], returns: "i32" },
  sigaction: { args: ["i32", "ptr", "ptr"], returns: "i32" },
  __errno_location: { args: [], returns: "ptr" },
  mmap: { args: ["ptr", "u64", "i32", "i32", "i32", "i64"], returns: "ptr" },
  mprotect: { args: ["ptr", "u64", "i32"], returns: "i32" },
  madvise: { args: ["u64", "u64", "i32"], returns: "i32" },
});
const bindRare = () => dlopen("libc.so.6", {
  read: { args: ["i32", "ptr", "u64"], returns: "i32" },
  getxattr: { args: ["ptr", "ptr", "ptr", "u64"], returns: "i32" },
  kill: { args: ["i32", "i32"], returns: "i32" },
}).symbols;
let rareSymbols: ReturnType<typeof bindRare> | null = null;
const rare = () => (rareSymbols ??= bindRare());

/** Loads libc for the calling thread (errno is per thread). */
export function load(): Libc {
  const errnoAt = c.__errno_location()!;
  const code = hexBytes(NATIVE_CODE_HEX);
  const base = c.mmap(null, CODE_BYTES + STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
  if (!base || (base as number) === -1) throw new NativeError("mmap", read.i32(errnoAt, 0), "spawn routine");
  new Uint8Array(toArrayBuffer(base, 0, code.length)).set(code);
  if (c.mprotect(base, CODE_BYTES, PROT_READ | PROT_EXEC) !== 0) {
    throw new NativeError("mprotect", read.i32(errnoAt, 0), "spawn routine");
  }
  const routine = CFunction({ ptr: base, args: ["ptr"], returns: "i32" });
  const seccomp = CFunction({ ptr: ((base as number) + NATIVE_OFFSETS.seccomp) as Pointer, args: ["ptr", "u32"], returns: "i32" });
  const wait = CFunction({ ptr: ((base as number) + NATIVE_OFFSETS.wait) as Pointer, args: ["ptr", "i32"], returns: "i32" });
  const address = (view: ArrayBufferView) => BigInt(ptr(view as Uint8Array));
  return {
    runtime: "bun",
    wait4: (pid, status, options) => c.wait4(pid, status, options, null),
    ptrace: (request, pid, data) => c.ptrace(request, pid, 0, data as never),
    ptraceOut: (request, pid, out) => c.ptrace(request, pid, 0, out as never),
    open: (path, flags) => c.open(path, flags, 0),
    pread: (fd, buf, length, offset) => c.pread(fd, buf, length, offset),
    close: (fd) => c.close(fd),
    read: (fd, buf, length) => rare().read(fd, buf, length),
    write: (fd, buf, length) => c.write(fd, buf, length),
    readlink: (path, buf, length) => c.readlink(path, buf, length),
    access: (path, mode) => c.access(path, mode),
    perfEventOpen: (attr, pid, flags) => c.syscall(SYS_X86_64.perf_event_open, attr, pid, -1, -1, flags),
    xattrSize: (path, name) => rare().getxattr(path, name, null, 0),
    kill: (pid, signal) => rare().kill(pid, signal),
    madvise: (addr, length, advice) => c.madvise(addr, length, advice),
    gettid: () => c.gettid(),
    errno: () => read.i32(errnoAt, 0),
    address,
    ...nativeCalls({
      base: BigInt(base as number),
      data: new BigInt64Array(toArrayBuffer(base, CODE_BYTES, 32)),
      callSpawn: (args) => routine(args) as number,
      callSeccomp: (prog, flags) => seccomp(prog, flags) as number,
      callWait: (status, options) => wait(status, options) as number,
      sigaction: (sig, act, old) => c.sigaction(sig, act, old),
      getpid: () => c.getpid(),
      gettid: () => c.gettid(),
      address,
    }),
  };
}
