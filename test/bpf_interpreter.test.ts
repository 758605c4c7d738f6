/**
 * The classic-BPF interpreter the seccomp tests run filters on (test/helpers/bpf.ts)
 * computes what the kernel would and refuses what the kernel would refuse: the seccomp
 * tests are only as good as it is.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runFilter } from "./helpers/bpf.ts";

type Insn = [code: number, jt: number, jf: number, k: number];
function program(insns: Insn[]): Uint8Array {
  const bytes = new Uint8Array(insns.length * 8);
  const view = new DataView(bytes.buffer);
  insns.forEach(([code, jt, jf, k], i) => {
    view.setUint16(i * 8, code, true);
    view.setUint8(i * 8 + 2, jt);
    view.setUint8(i * 8 + 3, jf);
    view.setUint32(i * 8 + 4, k >>> 0, true);
  });
  return bytes;
}

test("loads read struct seccomp_data little-endian: nr, arch, both words of ip and of each argument", () => {
  const data = { nr: 7, arch: 0xc000003e, ip: 0x11223344_55667788n, args: [0xaabbccdd_00000001n, 2, 3, 4, 5, 0x0102030405060708n] };
  const want = [[0, 7], [4, 0xc000003e], [8, 0x55667788], [12, 0x11223344], [16, 1], [20, 0xaabbccdd], [56, 0x05060708], [60, 0x01020304]];
  for (const [offset, value] of want) {
    const p = program([[0x20, 0, 0, offset], [0x15, 0, 1, value], [0x06, 0, 0, 1], [0x06, 0, 0, 2]]);
    assert.is(runFilter(p, data), 1, `offset ${offset}`);
  }
});

test("jumps: jeq, jge, jset take jt or jf, ja skips k instructions", () => {
  const p = (op: number, k: number) => program([[0x20, 0, 0, 0], [op, 1, 0, k], [0x06, 0, 0, 10], [0x06, 0, 0, 20]]);
  assert.is(runFilter(p(0x15, 5), { nr: 5, arch: 0 }), 20);
  assert.is(runFilter(p(0x15, 5), { nr: 6, arch: 0 }), 10);
  assert.is(runFilter(p(0x35, 5), { nr: 5, arch: 0 }), 20);
  assert.is(runFilter(p(0x35, 5), { nr: 4, arch: 0 }), 10);
  assert.is(runFilter(p(0x45, 0b100), { nr: 0b110, arch: 0 }), 20);
  assert.is(runFilter(p(0x45, 0b100), { nr: 0b011, arch: 0 }), 10);
  assert.is(runFilter(program([[0x05, 0, 0, 1], [0x06, 0, 0, 1], [0x06, 0, 0, 2]]), { nr: 0, arch: 0 }), 2);
});

test("unknown instructions, loads outside the data, and paths off the end are refused", () => {
  assert.throws(() => runFilter(program([[0x28, 0, 0, 0], [0x06, 0, 0, 0]]), { nr: 0, arch: 0 }), /not one this interpreter knows/);
  assert.throws(() => runFilter(program([[0x20, 0, 0, 64], [0x06, 0, 0, 0]]), { nr: 0, arch: 0 }), /outside/);
  assert.throws(() => runFilter(program([[0x20, 0, 0, 2], [0x06, 0, 0, 0]]), { nr: 0, arch: 0 }), /outside/);
  assert.throws(() => runFilter(program([[0x20, 0, 0, 0]]), { nr: 0, arch: 0 }), /fell off/);
  assert.throws(() => runFilter(program([[0x15, 0, 3, 1], [0x06, 0, 0, 0]]), { nr: 0, arch: 0 }), /fell off/);
});

test.run();
