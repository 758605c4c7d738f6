/**
 * A classic-BPF interpreter for seccomp programs, small enough to trust by reading: it
 * knows only the instructions runner/trace/seccomp.ts emits (ld [k] of a word, jeq, jset,
 * jge, ja, ret k) and throws on anything else, so that a filter using an instruction the
 * tests do not model fails loudly instead of being misread. It also enforces what the
 * kernel's checker would: aligned loads inside `struct seccomp_data`, jumps that stay in
 * the program, and no path that falls off its end.
 */

/** `struct seccomp_data` (include/uapi/linux/seccomp.h), as the kernel fills it. */
export interface SeccompData {
  nr: number;
  arch: number;
  /** Instruction pointer: the address right after the syscall instruction. */
  ip?: bigint;
  /** Up to six arguments, 64 bits each. */
  args?: (bigint | number)[];
}

/** Size of `struct seccomp_data`: nr, arch, ip, args[6]. */
const DATA_SIZE = 64;

const LD_W_ABS = 0x20, JEQ_K = 0x15, JSET_K = 0x45, JGE_K = 0x35, JA = 0x05, RET_K = 0x06;

/** `data` laid out as the kernel lays it out, little-endian. */
export function seccompData(data: SeccompData): DataView {
  const view = new DataView(new ArrayBuffer(DATA_SIZE));
  view.setUint32(0, data.nr >>> 0, true);
  view.setUint32(4, data.arch >>> 0, true);
  view.setBigUint64(8, data.ip ?? 0n, true);
  (data.args ?? []).forEach((a, i) => view.setBigUint64(16 + 8 * i, BigInt.asUintN(64, BigInt(a)), true));
  return view;
}

/**
 * Runs `program` (8-byte `struct sock_filter`s) over `data` and returns the 32-bit value of
 * the `ret` it reaches, as an unsigned number.
 *
 * @example
 * ```ts
 * const action = runFilter(buildFilter(0n, true), { nr: 11, arch: 0xc000003e });
 * ```
 */
export function runFilter(program: Uint8Array, data: SeccompData): number {
  if (program.length === 0 || program.length % 8 !== 0) throw new Error(`program of ${program.length} bytes is not a list of instructions`);
  const code = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const input = seccompData(data);
  const length = program.length / 8;
  let a = 0;
  for (let pc = 0, steps = 0; ; steps++) {
    if (pc >= length) throw new Error(`execution fell off the end of the program (pc ${pc} of ${length})`);
    if (steps > length) throw new Error("the program loops, which classic BPF cannot do");
    const op = code.getUint16(pc * 8, true);
    const jt = code.getUint8(pc * 8 + 2);
    const jf = code.getUint8(pc * 8 + 3);
    const k = code.getUint32(pc * 8 + 4, true);
    const jump = (taken: boolean) => {
      pc += 1 + (taken ? jt : jf);
    };
    switch (op) {
      case LD_W_ABS:
        if (k % 4 !== 0 || k + 4 > DATA_SIZE) throw new Error(`pc ${pc}: load of offset ${k} outside struct seccomp_data`);
        a = input.getUint32(k, true);
        pc++;
        break;
      case JEQ_K:
        jump(a === k);
        break;
      case JGE_K:
        jump(a >= k);
        break;
      case JSET_K:
        jump((a & k) !== 0);
        break;
      case JA:
        pc += 1 + k;
        break;
      case RET_K:
        return k;
      default:
        throw new Error(`pc ${pc}: instruction 0x${op.toString(16)} is not one this interpreter knows`);
    }
  }
}

const ALLOW = 0x7fff0000, TRACE = 0x7ff00000;

/**
 * A filter's return value in words: "allow", "trace NAME" with NAME the tag's key in
 * `tags` (the TAG table of seccomp.ts), or the raw value for anything else.
 */
export function action(ret: number, tags: Record<string, number>): string {
  const high = (ret & 0xffff0000) >>> 0, data = ret & 0xffff;
  if (ret === ALLOW) return "allow";
  if (high === TRACE) return `trace ${Object.keys(tags).find((k) => tags[k] === data) ?? data}`;
  return `0x${ret.toString(16)}`;
}
