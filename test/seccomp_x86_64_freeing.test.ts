/**
 * The exact seccomp filter, run as BPF over 64-bit system calls: every call that can lower
 * RSS stops the program with its tag when its arguments say it frees, and goes through when
 * they say it does not. Argument values are those of the kernel's uapi headers.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AUDIT_ARCH, SYS_X86_64 as SYS } from "../ffi/mod.ts";
import { buildFilter, MARK_ADVICE, TAG } from "../runner/trace/seccomp.ts";
import { action, runFilter } from "./helpers/bpf.ts";

const SPAWN_IP = 0x7f3a_1234_5678n;
const filter = buildFilter(SPAWN_IP, true);
const say = (nr: number, args: (number | bigint)[] = [], ip = 0x401000n) =>
  action(runFilter(filter, { nr, arch: AUDIT_ARCH.X86_64, ip, args }), TAG);

const MADV = {
  NORMAL: 0, RANDOM: 1, SEQUENTIAL: 2, WILLNEED: 3, DONTNEED: 4, FREE: 8, REMOVE: 9, DONTFORK: 10, MERGEABLE: 12,
  HUGEPAGE: 14, COLD: 20, PAGEOUT: 21, POPULATE_READ: 22, POPULATE_WRITE: 23, DONTNEED_LOCKED: 24, COLLAPSE: 25,
  HWPOISON: 100, SOFT_OFFLINE: 101, GUARD_INSTALL: 102, GUARD_REMOVE: 103,
};
const MAP = { SHARED: 0x01, PRIVATE: 0x02, FIXED: 0x10, ANONYMOUS: 0x20, FIXED_NOREPLACE: 0x100000 };
const FALLOC = { KEEP_SIZE: 0x01, PUNCH_HOLE: 0x02, COLLAPSE_RANGE: 0x08, ZERO_RANGE: 0x10 };
const SIGKILL = 9, SIGTERM = 15, SIGSTOP = 19;

test("munmap, mremap, shmdt, truncate, ftruncate, remap_file_pages and process_madvise always stop", () => {
  for (const name of ["munmap", "mremap", "shmdt", "truncate", "ftruncate", "remap_file_pages", "process_madvise"] as const) {
    assert.is(say(SYS[name], [0x7f0000000000n, 4096]), "trace DROP", name);
  }
});

test("madvise stops for each advice that frees pages, marks the populating ones, and lets the others through", () => {
  for (const advice of [MADV.DONTNEED, MADV.FREE, MADV.REMOVE, MADV.PAGEOUT, MADV.DONTNEED_LOCKED, MADV.HWPOISON, MADV.SOFT_OFFLINE, MADV.GUARD_INSTALL]) {
    assert.is(say(SYS.madvise, [0x7f0000000000n, 1 << 20, advice]), "trace DROP", `advice ${advice}`);
  }
  // Memory made resident without page faults of the process (now, or later by khugepaged).
  for (const advice of [MADV.HUGEPAGE, MADV.POPULATE_READ, MADV.POPULATE_WRITE, MADV.COLLAPSE]) {
    assert.is(say(SYS.madvise, [0x7f0000000000n, 1 << 20, advice]), "trace VOLATILE", `advice ${advice}`);
  }
  for (const advice of [MADV.NORMAL, MADV.RANDOM, MADV.SEQUENTIAL, MADV.WILLNEED, MADV.DONTFORK, MADV.MERGEABLE, MADV.COLD, MADV.GUARD_REMOVE]) {
    assert.is(say(SYS.madvise, [0x7f0000000000n, 1 << 20, advice]), "allow", `advice ${advice}`);
  }
});

test("madvise with the mark advice stops as a mark, whatever its first two arguments", () => {
  assert.is(say(SYS.madvise, [1, 0, MARK_ADVICE]), "trace MARK");
  assert.is(say(SYS.madvise, [3, 12345, MARK_ADVICE]), "trace MARK");
  assert.is(say(SYS.madvise, [1, 0, MARK_ADVICE + 1]), "allow", "a neighbour of the mark advice is no mark");
});

test("brk stops with its own tag when it moves the break, not for brk(0), which only asks where it is", () => {
  assert.is(say(SYS.brk, [0]), "allow");
  assert.is(say(SYS.brk, [0x5555_5555_9000n]), "trace BRK");
  assert.is(say(SYS.brk, [1n << 32n]), "trace BRK", "a break whose low word is 0 is not brk(0)");
});

test("mmap stops only with MAP_FIXED, which can replace resident pages", () => {
  assert.is(say(SYS.mmap, [0x7f0000000000n, 4096, 3, MAP.PRIVATE | MAP.ANONYMOUS | MAP.FIXED, -1, 0]), "trace DROP");
  assert.is(say(SYS.mmap, [0x7f0000000000n, 4096, 3, MAP.SHARED | MAP.FIXED, 3, 0]), "trace DROP");
  assert.is(say(SYS.mmap, [0, 1 << 20, 3, MAP.PRIVATE | MAP.ANONYMOUS, -1, 0]), "allow");
  assert.is(say(SYS.mmap, [0x7f0000000000n, 4096, 3, MAP.PRIVATE | MAP.ANONYMOUS | MAP.FIXED_NOREPLACE, -1, 0]), "allow");
});

test("fallocate stops with a mode that can punch, collapse or zero, not with mode 0", () => {
  assert.is(say(SYS.fallocate, [3, 0, 0, 1 << 20]), "allow");
  for (const mode of [FALLOC.PUNCH_HOLE | FALLOC.KEEP_SIZE, FALLOC.COLLAPSE_RANGE, FALLOC.ZERO_RANGE]) {
    assert.is(say(SYS.fallocate, [3, mode, 0, 1 << 20]), "trace DROP", `mode ${mode}`);
  }
});

test("kill, tkill, tgkill and pidfd_send_signal stop when they send SIGKILL, read from the right argument", () => {
  assert.is(say(SYS.kill, [1234, SIGKILL]), "trace KILL");
  assert.is(say(SYS.tkill, [1234, SIGKILL]), "trace KILL");
  assert.is(say(SYS.tgkill, [1234, 1235, SIGKILL]), "trace KILL");
  assert.is(say(SYS.pidfd_send_signal, [5, SIGKILL, 0, 0]), "trace KILL");
  for (const sig of [0, SIGTERM, SIGSTOP]) {
    assert.is(say(SYS.kill, [1234, sig]), "allow", `kill ${sig}`);
    assert.is(say(SYS.tkill, [1234, sig]), "allow", `tkill ${sig}`);
    assert.is(say(SYS.tgkill, [1234, 1235, sig]), "allow", `tgkill ${sig}`);
    assert.is(say(SYS.pidfd_send_signal, [5, sig, 0, 0]), "allow", `pidfd_send_signal ${sig}`);
  }
  // tgkill's signal is its third argument: a thread id of 9 is no SIGKILL.
  assert.is(say(SYS.tgkill, [1234, SIGKILL, SIGTERM]), "allow");
});

test("execve stops, except the spawn routine's own, known by its instruction pointer; execveat always", () => {
  assert.is(say(SYS.execve, [0x1000, 0x2000, 0x3000], SPAWN_IP), "allow");
  assert.is(say(SYS.execve, [0x1000, 0x2000, 0x3000], 0x7f3a_1234_5680n), "trace EXEC");
  assert.is(say(SYS.execve, [0x1000, 0x2000, 0x3000], SPAWN_IP + (1n << 32n)), "trace EXEC", "same low word, other high word");
  assert.is(say(SYS.execve, [0x1000, 0x2000, 0x3000], SPAWN_IP & 0xffffffffn), "trace EXEC", "same low word, high word 0");
  assert.is(say(SYS.execveat, [3, 0x1000, 0x2000, 0x3000, 0], SPAWN_IP), "trace EXEC");
});

test.run();
