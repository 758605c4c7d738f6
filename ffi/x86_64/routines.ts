/**
 * The part of the Libc interface that runs the routines of native.S,
 * built the same way for both runtimes from what each binding provides.
 */
import { NATIVE_OFFSETS } from "./native.ts";
import { catchSignals } from "./signals.ts";
import { CODE_BYTES, type Libc, sockFprog, STACK_BYTES } from "../types.ts";

/** What a binding provides: the mapped page and calls into it. */
export interface NativePage {
  /** Address of the code page; the child's stack and the handlers' data follow it. */
  base: bigint;
  /** The handlers' 32-byte data block, at `base + CODE_BYTES`. */
  data: BigInt64Array;
  /** Calls memassert_spawn on an args block, and memassert_seccomp on a sock_fprog. */
  callSpawn(args: Uint8Array): number;
  callSeccomp(prog: Uint8Array, flags: number): number;
  /** Calls memassert_wait. */
  callWait(status: Int32Array, options: number): number;
  sigaction(sig: number, act: Uint8Array | null, old: Uint8Array | null): number;
  getpid(): number;
  gettid(): number;
  address(view: ArrayBufferView): bigint;
}

type NativeCalls = Pick<Libc, "spawn" | "spawnExecveReturn" | "catchSignals" | "caughtSignal" | "addSeccompFilter" | "waitAny">;

/** The spawn, signal and seccomp calls of Libc, on a binding's page. */
export function nativeCalls(p: NativePage): NativeCalls {
  const caught = new Int32Array(p.data.buffer, p.data.byteOffset, 1);
  const stackTop = p.base + BigInt(CODE_BYTES + STACK_BYTES);
  const handlers = {
    sigaction: p.sigaction, getpid: p.getpid, gettid: p.gettid, data: p.data,
    onSignal: p.base + BigInt(NATIVE_OFFSETS.onSignal),
    wake: p.base + BigInt(NATIVE_OFFSETS.wake),
  };
  return {
    spawn(args) {
      new BigUint64Array(args.buffer, args.byteOffset, 9)[8] = stackTop;
      return p.callSpawn(args);
    },
    spawnExecveReturn: p.base + BigInt(NATIVE_OFFSETS.execveReturn),
    catchSignals: (signals) => catchSignals(handlers, signals),
    caughtSignal: () => Atomics.exchange(caught, 0, 0),
    addSeccompFilter: (filter, flags) => p.callSeccomp(sockFprog(filter, p.address), flags),
    waitAny: p.callWait,
  };
}
