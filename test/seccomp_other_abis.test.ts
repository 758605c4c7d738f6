/**
 * The seccomp filter on ABIs it has no table for: every x32 call (a 64-bit process using
 * syscall numbers with bit 30 set) stops, so that none of its freeing calls is missed, and
 * a process of another audit architecture is never stopped.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AUDIT_ARCH, SYS_X86_64 as SYS, X32_SYSCALL_BIT } from "../ffi/mod.ts";
import { buildFilter, TAG } from "../runner/trace/seccomp.ts";
import { action, runFilter } from "./helpers/bpf.ts";

const filter = buildFilter(0x7f3a_1234_5678n, true);
const say = (arch: number, nr: number, args: (number | bigint)[] = []) => action(runFilter(filter, { nr, arch, ip: 0x401000n, args }), TAG);

/** x32 numbers (syscall_64.tbl, common and x32 rows) plus the x32 bit. */
const X32 = { read: 0, write: 1, munmap: 11, brk: 12, execve: 520, madvise: 28 };

test("x32 calls stop, freeing or not", () => {
  for (const [name, nr] of Object.entries(X32)) {
    assert.is(say(AUDIT_ARCH.X86_64, X32_SYSCALL_BIT | nr, [0, 4096, 4]), "trace DROP", `x32 ${name}`);
  }
});

test("the x32 bit alone decides: a 64-bit call just below it is not an x32 call", () => {
  assert.is(say(AUDIT_ARCH.X86_64, X32_SYSCALL_BIT - 1), "allow");
});

test("another audit architecture is never stopped, not even for munmap, execve or SIGKILL", () => {
  const AARCH64 = 0xc00000b7, X86_64_BIG_ENDIAN_LOOKALIKE = 0x4000003e;
  for (const arch of [AARCH64, X86_64_BIG_ENDIAN_LOOKALIKE]) {
    assert.is(say(arch, SYS.munmap, [0x7f0000000000n, 4096]), "allow");
    assert.is(say(arch, SYS.execve), "allow");
    assert.is(say(arch, SYS.kill, [1, 9]), "allow");
    assert.is(say(arch, X32_SYSCALL_BIT | 11), "allow");
  }
});

test.run();
