/**
 * The exact seccomp filter, run as BPF over i386 system calls (a 32-bit program making
 * `int 0x80` calls, arch AUDIT_ARCH_I386): the same freeing calls stop, by their 32-bit
 * numbers, and the 64-bit numbers mean nothing there.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AUDIT_ARCH, SYS_I386 as SYS, SYS_X86_64 } from "../ffi/mod.ts";
import { buildFilter, TAG } from "../runner/trace/seccomp.ts";
import { action, runFilter } from "./helpers/bpf.ts";

const SPAWN_IP = 0x7f3a_1234_5678n;
const filter = buildFilter(SPAWN_IP, true);
const say = (nr: number, args: (number | bigint)[] = [], ip = 0x8049000n) => action(runFilter(filter, { nr, arch: AUDIT_ARCH.I386, ip, args }), TAG);

const SIGKILL = 9, SIGTERM = 15;
/** i386 numbers (syscall_32.tbl) of calls that never lower RSS. */
const COMMON = { read: 3, write: 4, open: 5, close: 6, link: 9, chdir: 12, getpid: 20, clone: 120, mprotect: 125, futex: 240, exit_group: 252 };

test("i386 munmap, mremap, brk, shmdt, truncate(64), ftruncate(64), fallocate, old_mmap, ipc, remap_file_pages and process_madvise stop", () => {
  const always = ["munmap", "mremap", "brk", "shmdt", "truncate", "ftruncate", "truncate64", "ftruncate64", "fallocate", "old_mmap", "ipc", "remap_file_pages", "process_madvise"] as const;
  for (const name of always) assert.is(say(SYS[name], [0x8000000, 4096, 0]), "trace DROP", name);
});

test("i386 madvise stops for freeing advices, marks populating ones, lets the others through", () => {
  for (const advice of [4, 8, 9, 21, 24, 100, 101, 102]) assert.is(say(SYS.madvise, [0x8000000, 4096, advice]), "trace DROP", `advice ${advice}`);
  for (const advice of [14, 22, 23, 25]) assert.is(say(SYS.madvise, [0x8000000, 4096, advice]), "trace VOLATILE", `advice ${advice}`);
  for (const advice of [0, 1, 2, 3, 10, 103]) assert.is(say(SYS.madvise, [0x8000000, 4096, advice]), "allow", `advice ${advice}`);
});

test("i386 mmap2 stops only with MAP_FIXED", () => {
  assert.is(say(SYS.mmap2, [0x8000000, 4096, 3, 0x32, -1, 0]), "trace DROP");
  assert.is(say(SYS.mmap2, [0, 4096, 3, 0x22, -1, 0]), "allow");
});

test("i386 kill, tkill, tgkill and pidfd_send_signal stop for SIGKILL only", () => {
  assert.is(say(SYS.kill, [100, SIGKILL]), "trace KILL");
  assert.is(say(SYS.tkill, [100, SIGKILL]), "trace KILL");
  assert.is(say(SYS.tgkill, [100, 101, SIGKILL]), "trace KILL");
  assert.is(say(SYS.pidfd_send_signal, [5, SIGKILL, 0, 0]), "trace KILL");
  assert.is(say(SYS.kill, [100, SIGTERM]), "allow");
  assert.is(say(SYS.tkill, [100, SIGTERM]), "allow");
  assert.is(say(SYS.tgkill, [100, SIGKILL, SIGTERM]), "allow");
  assert.is(say(SYS.pidfd_send_signal, [5, SIGTERM, 0, 0]), "allow");
});

test("i386 execve and execveat always stop: the spawn routine is 64-bit, whatever the address", () => {
  assert.is(say(SYS.execve, [0x1000, 0x2000, 0x3000], SPAWN_IP), "trace EXEC");
  assert.is(say(SYS.execveat, [3, 0x1000, 0x2000, 0x3000, 0]), "trace EXEC");
});

test("i386 calls that never lower RSS go through, including those whose numbers are freeing calls on x86_64", () => {
  for (const [name, nr] of Object.entries(COMMON)) assert.is(say(nr, [3, 0x1000, 4096]), "allow", name);
  // 9 and 12 are x86_64's mmap and brk but i386's link and chdir; 59 (execve) is i386's oldolduname.
  assert.is(say(SYS_X86_64.mmap, [0x8000000, 4096, 3, 0x32]), "allow");
  assert.is(say(SYS_X86_64.execve, []), "allow");
});

test.run();
