/**
 * Native signal handling for a tracer on the main thread: while it waits in
 * wait4, no JavaScript handler can run, so SIGINT and friends are caught by
 * the handlers in native.S, which record the signal and interrupt the
 * wait (see there). Both bindings use this with their own memory access.
 */

/** What the bindings provide for it. */
export interface SignalPrimitives {
  /** glibc sigaction(sig, act, old) on 152-byte `struct sigaction` buffers. */
  sigaction(sig: number, act: Uint8Array | null, old: Uint8Array | null): number;
  getpid(): number;
  gettid(): number;
  /** The 32-byte data block the handlers use (native.S). */
  data: BigInt64Array;
  onSignal: bigint;
  wake: bigint;
}

/** A real-time signal nothing else here uses: SIGRTMAX-3. */
export const WAKE_SIGNAL = 61;
const SIGACTION_BYTES = 152;

const SA_SIGINFO = 4;
const SIG_IGN = 1n;

function action(handler: bigint, flags: number): Uint8Array {
  const act = new Uint8Array(new ArrayBuffer(SIGACTION_BYTES));
  const view = new DataView(act.buffer);
  view.setBigUint64(0, handler, true);
  // While a handler runs, every other signal waits; no SA_RESTART, so wait4 returns EINTR.
  for (let i = 8; i < 136; i++) act[i] = 0xff;
  view.setInt32(136, flags, true);
  return act;
}

/** Catches `signals` until the returned function restores the previous handlers. */
export function catchSignals(p: SignalPrimitives, signals: number[]): () => void {
  p.data[0] = 0n;
  p.data[1] = BigInt(p.getpid());
  p.data[2] = BigInt(p.gettid());
  p.data[3] = BigInt(WAKE_SIGNAL);
  const saved: [number, Uint8Array][] = [];
  const install = (sig: number, handler: bigint, flags: number) => {
    const old = new Uint8Array(new ArrayBuffer(SIGACTION_BYTES));
    if (p.sigaction(sig, action(handler, flags), old) !== 0) return;
    // A signal this process was started ignoring (a shell's background job ignores SIGINT)
    // stays ignored, as shells expect of the programs they start.
    if (new DataView(old.buffer).getBigUint64(0, true) === SIG_IGN && sig !== WAKE_SIGNAL) p.sigaction(sig, old, null);
    else saved.push([sig, old]);
  };
  // The wake handler reads the interrupted context (native.S, memassert_wake).
  install(WAKE_SIGNAL, p.wake, SA_SIGINFO);
  for (const sig of signals) install(sig, p.onSignal, 0);
  return () => {
    for (const [sig, old] of saved.reverse()) p.sigaction(sig, old, null);
  };
}
