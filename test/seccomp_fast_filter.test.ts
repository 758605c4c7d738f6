/**
 * The fast filter (exact = false) stops only where the fast mode reads something: at exec
 * (the old image's high-water mark) and at marks. Everything the exact filter adds is
 * listed here, so a rule that leaks into the fast filter, or is lost from the exact one,
 * shows up.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { AUDIT_ARCH, SYS_I386, SYS_X86_64 as SYS } from "../ffi/mod.ts";
import { buildFilter, MARK_ADVICE, TAG } from "../runner/trace/seccomp.ts";
import { action, runFilter, type SeccompData } from "./helpers/bpf.ts";

const SPAWN_IP = 0x7f3a_1234_5678n;
const exact = buildFilter(SPAWN_IP, true);
const fast = buildFilter(SPAWN_IP, false);
const X64 = AUDIT_ARCH.X86_64, I386 = AUDIT_ARCH.I386;

/** Calls only the exact filter stops, with the tag it stops them with. */
const EXACT_ONLY: [string, SeccompData, string][] = [
  ["munmap", { nr: SYS.munmap, arch: X64, args: [0x7f0000000000n, 4096] }, "trace DROP"],
  ["madvise DONTNEED", { nr: SYS.madvise, arch: X64, args: [0x7f0000000000n, 4096, 4] }, "trace DROP"],
  ["brk(x)", { nr: SYS.brk, arch: X64, args: [0x555555559000n] }, "trace BRK"],
  ["mmap MAP_FIXED", { nr: SYS.mmap, arch: X64, args: [0x7f0000000000n, 4096, 3, 0x32, -1, 0] }, "trace DROP"],
  ["kill SIGKILL", { nr: SYS.kill, arch: X64, args: [1234, 9] }, "trace KILL"],
  ["i386 munmap", { nr: SYS_I386.munmap, arch: I386, args: [0x8000000, 4096] }, "trace DROP"],
  ["i386 kill SIGKILL", { nr: SYS_I386.kill, arch: I386, args: [1234, 9] }, "trace KILL"],
];

/** Calls both filters stop alike. */
const BOTH: [string, SeccompData, string][] = [
  ["execve", { nr: SYS.execve, arch: X64, ip: 0x401000n }, "trace EXEC"],
  ["execveat", { nr: SYS.execveat, arch: X64, ip: 0x401000n }, "trace EXEC"],
  ["a mark", { nr: SYS.madvise, arch: X64, args: [1, 0, MARK_ADVICE] }, "trace MARK"],
  ["i386 execve", { nr: SYS_I386.execve, arch: I386 }, "trace EXEC"],
  ["the spawn routine's execve", { nr: SYS.execve, arch: X64, ip: SPAWN_IP }, "allow"],
  ["read", { nr: 0, arch: X64 }, "allow"],
];

test("the exact filter stops freeing calls that the fast one lets through", () => {
  for (const [what, data, want] of EXACT_ONLY) {
    assert.is(action(runFilter(exact, data), TAG), want, `exact: ${what}`);
    assert.is(action(runFilter(fast, data), TAG), "allow", `fast: ${what}`);
  }
});

test("both filters stop at exec and at marks, and let the spawn routine's execve and plain calls through", () => {
  for (const [what, data, want] of BOTH) {
    assert.is(action(runFilter(exact, data), TAG), want, `exact: ${what}`);
    assert.is(action(runFilter(fast, data), TAG), want, `fast: ${what}`);
  }
});

test("the fast filter is much shorter than the exact one", () => {
  assert.ok(fast.length * 3 < exact.length, `fast ${fast.length / 8} instructions, exact ${exact.length / 8}`);
});

test.run();
