/**
 * The seccomp filter a traced program runs under. It lets every syscall
 * through untouched except those that can lower RSS, which stop the program
 * (SECCOMP_RET_TRACE) so the tracer reads RSS just before they run. The
 * 16-bit data of each trace stop tells the tracer which kind of call it is.
 */

/** What the tracer learns from a seccomp stop's event message. */
export const TAG = { DROP: 0x6d01, BRK: 0x6d02, EXEC: 0x6d03, KILL: 0x6d04, MARK: 0x6d05, VOLATILE: 0x6d06 } as const;

/**
 * Whether a seccomp stop's data is one of memassert's tags. A traced program may add a
 * filter of its own that returns SECCOMP_RET_TRACE: such a stop is not memassert's, and the
 * call must fail as it would with no tracer (ENOSYS). The tags share a high byte ("m") that a
 * program's own data is unlikely to have.
 */
export function isOwnTag(data: number): boolean {
  return data >= TAG.DROP && data <= TAG.VOLATILE;
}

/**
 * The madvise advice that marks a moment (see `mark()` in ffi): no kernel
 * knows it, so untraced it fails with EINVAL and does nothing.
 */
export const MARK_ADVICE = 0x6d656d00;

/**
 * The signal that marks a moment from a runtime without FFI (Node): `kill(id, MARK_SIGNAL)`.
 * No such signal exists, so untraced the call fails with EINVAL and does nothing.
 */
export const MARK_SIGNAL = MARK_ADVICE;

import { AUDIT_ARCH, SIG, SYS_I386 as I386, SYS_X86_64 as X64, X32_SYSCALL_BIT } from "../../ffi/mod.ts";

const LD_ABS = 0x20, JEQ = 0x15, JSET = 0x45, JGE = 0x35, RET = 0x06;
const ALLOW = 0x7fff0000, TRACE = 0x7ff00000;
/** Offsets in `struct seccomp_data`. */
const OFF_NR = 0, OFF_ARCH = 4, OFF_IP = 8;
const argLo = (i: number) => 16 + 8 * i;
const argHi = (i: number) => 20 + 8 * i;
const MAP_FIXED = 0x10;
/** madvise advices that free pages: DONTNEED, FREE, REMOVE, PAGEOUT, DONTNEED_LOCKED, HWPOISON, SOFT_OFFLINE, GUARD_INSTALL. */
const FREEING_ADVICE = [4, 8, 9, 21, 24, 100, 101, 102];

type Insn = [code: number, jt: number, jf: number, k: number];
/** A rule's body: instructions ending in a return, given the tag's trace value. */
type Body = (trace: number) => Insn[];

const always: Body = (trace) => [[RET, 0, 0, trace]];
/** Trace when the low word of `arg` equals one of `values`. */
const argIn = (arg: number, values: number[]): Body => (trace) => [
  [LD_ABS, 0, 0, argLo(arg)],
  ...values.map((v, i): Insn => [JEQ, values.length - i, 0, v]),
  [RET, 0, 0, ALLOW],
  [RET, 0, 0, trace],
];
/** Trace when the low word of `arg` has any of `bits` set. */
const argHas = (arg: number, bits: number): Body => (trace) => [
  [LD_ABS, 0, 0, argLo(arg)],
  [JSET, 0, 1, bits],
  [RET, 0, 0, trace],
  [RET, 0, 0, ALLOW],
];
/** Trace unless the 64-bit `offset` field equals `value`. */
const unless64 = (lo: number, hi: number, value: bigint): Body => (trace) => [
  [LD_ABS, 0, 0, lo],
  [JEQ, 0, 2, Number(value & 0xffffffffn)],
  [LD_ABS, 0, 0, hi],
  [JEQ, 1, 0, Number(value >> 32n)],
  [RET, 0, 0, trace],
  [RET, 0, 0, ALLOW],
];

interface Rule { nr: number; tag: number; body: Body }

/** madvise advices that make memory resident without a page fault of the process, now or later (khugepaged). */
const POPULATING_ADVICE = [14, 22, 23, 25]; // HUGEPAGE, POPULATE_READ, POPULATE_WRITE, COLLAPSE
const VOLATILE = TRACE | TAG.VOLATILE;

/** madvise: a mark, a freeing advice, a populating one, or nothing to watch. */
const madvise: Body = (trace) => {
  const f = FREEING_ADVICE.length, v = POPULATING_ADVICE.length;
  return [
    [LD_ABS, 0, 0, argLo(2)],
    [JEQ, f + v + 3, 0, MARK_ADVICE],
    ...FREEING_ADVICE.map((a, k): Insn => [JEQ, f + v - k, 0, a]),
    ...POPULATING_ADVICE.map((a, k): Insn => [JEQ, v + 1 - k, 0, a]),
    [RET, 0, 0, ALLOW],
    [RET, 0, 0, trace],
    [RET, 0, 0, VOLATILE],
    [RET, 0, 0, TRACE | TAG.MARK],
  ];
};

const MAP_POPULATE = 0x8000, MAP_LOCKED = 0x2000, O_DIRECT = 0x4000, F_SETFL = 4;

/** mmap: over existing pages (a drop), or populating (resident without faults), or nothing. */
const mmap: Body = (trace) => [
  [LD_ABS, 0, 0, argLo(3)],
  [JSET, 2, 0, MAP_FIXED],
  [JSET, 2, 0, MAP_POPULATE | MAP_LOCKED],
  [RET, 0, 0, ALLOW],
  [RET, 0, 0, trace],
  [RET, 0, 0, VOLATILE],
];

/** fcntl(fd, F_SETFL, flags with O_DIRECT). */
const setDirect: Body = (trace) => [
  [LD_ABS, 0, 0, argLo(1)],
  [JEQ, 0, 3, F_SETFL],
  [LD_ABS, 0, 0, argLo(2)],
  [JSET, 0, 1, O_DIRECT],
  [RET, 0, 0, trace],
  [RET, 0, 0, ALLOW],
];

/**
 * Calls after which a process can grow without page faults of its own: locking and
 * populating, another process's memory written or read into place, I/O straight into user
 * memory (O_DIRECT, io_uring, vmsplice), pages filled by userfaultfd. They mark the process
 * as read at every stop (runner/trace/faults.ts).
 */
function volatileRules(sys: Record<string, number>): Rule[] {
  const always = (nr: number): Rule => ({ nr, tag: TAG.VOLATILE, body: (t) => [[RET, 0, 0, t]] });
  const calls = ["mlock", "mlock2", "mlockall", "vmsplice", "process_vm_readv", "process_vm_writev", "userfaultfd", "io_uring_setup", "io_uring_register", "openat2"];
  return [
    ...calls.filter((c) => sys[c] !== undefined).map((c) => always(sys[c])),
    ...(sys.open !== undefined ? [{ nr: sys.open, tag: TAG.VOLATILE, body: argHas(1, O_DIRECT) }] : []),
    { nr: sys.openat, tag: TAG.VOLATILE, body: argHas(2, O_DIRECT) },
    { nr: sys.fcntl, tag: TAG.VOLATILE, body: setDirect },
  ];
}

/** kill: a mark (see MARK_SIGNAL), or a SIGKILL, which ends processes without a stop of theirs. */
const kill: Body = () => [
  [LD_ABS, 0, 0, argLo(1)],
  [JEQ, 2, 0, MARK_SIGNAL],
  [JEQ, 2, 0, SIG.KILL],
  [RET, 0, 0, ALLOW],
  [RET, 0, 0, TRACE | TAG.MARK],
  [RET, 0, 0, TRACE | TAG.KILL],
];

/** x86_64 rules; the spawn routine's own execve (known by address) goes through. */
function x86_64Rules(execveReturn: bigint, exact: boolean): Rule[] {
  const exec: Rule[] = [
    { nr: X64.execve, tag: TAG.EXEC, body: unless64(OFF_IP, OFF_IP + 4, execveReturn) },
    { nr: X64.execveat, tag: TAG.EXEC, body: always },
  ];
  const mark: Rule = { nr: X64.madvise, tag: TAG.MARK, body: argIn(2, [MARK_ADVICE]) };
  if (!exact) return [...exec, mark, { nr: X64.kill, tag: TAG.MARK, body: argIn(1, [MARK_SIGNAL]) }];
  const drops = [X64.munmap, X64.mremap, X64.shmdt, X64.truncate, X64.ftruncate, X64.remap_file_pages, X64.process_madvise];
  return [
    ...exec,
    ...drops.map((nr) => ({ nr, tag: TAG.DROP, body: always })),
    { nr: X64.madvise, tag: TAG.DROP, body: madvise },
    { nr: X64.brk, tag: TAG.BRK, body: unless64(argLo(0), argHi(0), 0n) }, // brk, but not brk(0)
    { nr: X64.mmap, tag: TAG.DROP, body: mmap },
    { nr: X64.fallocate, tag: TAG.DROP, body: argHas(1, 0xff) }, // with a punching mode
    { nr: X64.kill, tag: TAG.KILL, body: kill },
    { nr: X64.tkill, tag: TAG.KILL, body: argIn(1, [SIG.KILL]) },
    { nr: X64.tgkill, tag: TAG.KILL, body: argIn(2, [SIG.KILL]) },
    { nr: X64.pidfd_send_signal, tag: TAG.KILL, body: argIn(1, [SIG.KILL]) },
    ...volatileRules(X64),
  ];
}

/** i386 programs (int 0x80): the same calls by their 32-bit numbers. */
function i386Rules(exact: boolean): Rule[] {
  const exec: Rule[] = [{ nr: I386.execve, tag: TAG.EXEC, body: always }, { nr: I386.execveat, tag: TAG.EXEC, body: always }];
  if (!exact) return exec;
  const drops = [
    I386.munmap, I386.mremap, I386.brk, I386.shmdt, I386.truncate, I386.ftruncate, I386.truncate64,
    I386.ftruncate64, I386.fallocate, I386.old_mmap, I386.ipc, I386.remap_file_pages, I386.process_madvise,
  ];
  return [
    ...exec,
    ...drops.map((nr) => ({ nr, tag: TAG.DROP, body: always })),
    { nr: I386.madvise, tag: TAG.DROP, body: madvise },
    { nr: I386.mmap2, tag: TAG.DROP, body: mmap },
    { nr: I386.kill, tag: TAG.KILL, body: argIn(1, [SIG.KILL]) },
    { nr: I386.tkill, tag: TAG.KILL, body: argIn(1, [SIG.KILL]) },
    { nr: I386.tgkill, tag: TAG.KILL, body: argIn(2, [SIG.KILL]) },
    { nr: I386.pidfd_send_signal, tag: TAG.KILL, body: argIn(1, [SIG.KILL]) },
    ...volatileRules(I386),
  ];
}

/** Dispatch on the syscall number: each rule is `jeq nr` then its body. */
function dispatch(rules: Rule[]): Insn[] {
  const out: Insn[] = [[LD_ABS, 0, 0, OFF_NR]];
  for (const rule of rules) {
    const body = rule.body(TRACE | rule.tag);
    out.push([JEQ, 0, body.length, rule.nr], ...body);
  }
  out.push([RET, 0, 0, ALLOW]);
  return out;
}

/**
 * Builds the filter program. `exact` traps every RSS-lowering call; otherwise
 * only execve, so that the old image's high-water mark can be read before exec.
 */
export function buildFilter(execveReturn: bigint, exact: boolean): Uint8Array {
  const x64 = dispatch(x86_64Rules(execveReturn, exact));
  const i386 = dispatch(i386Rules(exact));
  const head: Insn[] = [
    [LD_ABS, 0, 0, OFF_ARCH],
    [JEQ, 3, 0, AUDIT_ARCH.X86_64],
    [JEQ, 0, 1, AUDIT_ARCH.I386],
    [0x05, 0, 0, 4 + x64.length], // ja to the i386 table, past the x86_64 one
    [RET, 0, 0, ALLOW], // another ABI: nothing to watch
    [LD_ABS, 0, 0, OFF_NR],
    [JGE, 0, 1, X32_SYSCALL_BIT], // x32 calls: trap them all rather than miss one
    [RET, 0, 0, TRACE | TAG.DROP],
  ];
  const insns = [...head, ...x64, ...i386];
  if (insns.length > 4096) throw new RangeError(`seccomp filter too long: ${insns.length} instructions`);
  for (const [, jt, jf] of insns) if (jt > 255 || jf > 255) throw new RangeError("seccomp jump out of range");
  const bytes = new Uint8Array(new ArrayBuffer(insns.length * 8));
  const view = new DataView(bytes.buffer);
  insns.forEach(([code, jt, jf, k], i) => {
    view.setUint16(i * 8, code, true);
    view.setUint8(i * 8 + 2, jt);
    view.setUint8(i * 8 + 3, jf);
    view.setUint32(i * 8 + 4, k >>> 0, true);
  });
  return bytes;
}
