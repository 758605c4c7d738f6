/**
 * The exact seccomp filter, run as BPF: the calls after which a process can grow without page
 * faults of its own (locking, populating, another process's memory written in place, I/O
 * straight into user memory, userfaultfd) stop it as VOLATILE, so that it is read at every stop
 * (runner/trace/faults.ts); the same calls without those effects go through.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AUDIT_ARCH, SYS_I386, SYS_X86_64 as SYS } from "../ffi/mod.ts";
import { buildFilter, TAG } from "../runner/trace/seccomp.ts";
import { action, runFilter } from "./helpers/bpf.ts";

const filter = buildFilter(0x7f3a_1234_5678n, true);
const say = (nr: number, args: (number | bigint)[] = [], arch: number = AUDIT_ARCH.X86_64) =>
  action(runFilter(filter, { nr, arch, ip: 0x401000n, args }), TAG);
const MAP = { PRIVATE: 0x02, FIXED: 0x10, ANONYMOUS: 0x20, LOCKED: 0x2000, POPULATE: 0x8000 };
const O = { RDONLY: 0, CREAT: 0o100, DIRECT: 0o40000 };
const F_SETFL = 4, F_GETFL = 3;

test("locking, vmsplice, process_vm_readv/writev, userfaultfd, io_uring and openat2 stop as VOLATILE", () => {
  for (const name of ["mlock", "mlock2", "mlockall", "vmsplice", "process_vm_readv", "process_vm_writev", "userfaultfd", "io_uring_setup", "io_uring_register", "openat2"] as const) {
    assert.is(say(SYS[name], [0, 4096, 0]), "trace VOLATILE", name);
  }
});

test("mmap: populating or locked is VOLATILE, over existing pages a drop, otherwise nothing", () => {
  assert.is(say(SYS.mmap, [0, 1 << 20, 3, MAP.PRIVATE | MAP.ANONYMOUS | MAP.POPULATE, -1, 0]), "trace VOLATILE");
  assert.is(say(SYS.mmap, [0, 1 << 20, 3, MAP.PRIVATE | MAP.ANONYMOUS | MAP.LOCKED, -1, 0]), "trace VOLATILE");
  assert.is(say(SYS.mmap, [0x7f0000000000n, 1 << 20, 3, MAP.PRIVATE | MAP.ANONYMOUS | MAP.FIXED | MAP.POPULATE, -1, 0]), "trace DROP");
  assert.is(say(SYS.mmap, [0, 1 << 20, 3, MAP.PRIVATE | MAP.ANONYMOUS, -1, 0]), "allow");
});

test("open, openat and fcntl(F_SETFL) stop only with O_DIRECT", () => {
  assert.is(say(SYS.open, [0x1000, O.RDONLY | O.DIRECT]), "trace VOLATILE");
  assert.is(say(SYS.open, [0x1000, O.RDONLY | O.CREAT]), "allow");
  assert.is(say(SYS.openat, [-100, 0x1000, O.RDONLY | O.DIRECT]), "trace VOLATILE");
  assert.is(say(SYS.openat, [-100, 0x1000, O.RDONLY]), "allow");
  assert.is(say(SYS.fcntl, [3, F_SETFL, O.DIRECT]), "trace VOLATILE");
  assert.is(say(SYS.fcntl, [3, F_SETFL, 0o4000]), "allow", "O_NONBLOCK");
  assert.is(say(SYS.fcntl, [3, F_GETFL, O.DIRECT]), "allow");
});

test("i386 programs: the same calls by their 32-bit numbers", () => {
  for (const name of ["mlock", "mlockall", "mlock2", "vmsplice", "process_vm_readv", "process_vm_writev", "userfaultfd"] as const) {
    assert.is(say(SYS_I386[name], [0, 4096, 0], AUDIT_ARCH.I386), "trace VOLATILE", name);
  }
  assert.is(say(SYS_I386.openat, [-100, 0x1000, O.DIRECT], AUDIT_ARCH.I386), "trace VOLATILE");
  assert.is(say(SYS_I386.mmap2, [0, 4096, 3, MAP.PRIVATE | MAP.ANONYMOUS | MAP.POPULATE, -1, 0], AUDIT_ARCH.I386), "trace VOLATILE");
});

test.run();
