/**
 * The exact seccomp filter lets the calls a program makes all the time run without a stop:
 * a filter that stopped them would cost tens of microseconds each and measure nothing.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AUDIT_ARCH, SYS_X86_64 as SYS } from "../ffi/mod.ts";
import { buildFilter, TAG } from "../runner/trace/seccomp.ts";
import { action, runFilter } from "./helpers/bpf.ts";

const filter = buildFilter(0x7f3a_1234_5678n, true);
const say = (nr: number, args: (number | bigint)[] = []) => action(runFilter(filter, { nr, arch: AUDIT_ARCH.X86_64, ip: 0x401000n, args }), TAG);

/** Numbers from arch/x86/entry/syscalls/syscall_64.tbl. */
const COMMON = { read: 0, write: 1, openat: 257, close: 3, mprotect: 10, futex: 202, clone: 56, clone3: 435, wait4: 61, getpid: 39, exit_group: 231 };

test("read, write, openat, close, mprotect, futex, clone, clone3, wait4, getpid and exit_group go through", () => {
  for (const [name, nr] of Object.entries(COMMON)) assert.is(say(nr, [3, 0x1000, 4096]), "allow", name);
  assert.is(say(COMMON.clone, [0x3d0f00, 0x7f00000000n, 0, 0, 0]), "allow", "clone of a thread");
});

test("mmap of new anonymous or file memory goes through", () => {
  assert.is(say(SYS.mmap, [0, 64 << 20, 3, 0x22, -1, 0]), "allow");
  assert.is(say(SYS.mmap, [0, 4096, 1, 0x02, 3, 0]), "allow");
});

test.run();
