/**
 * Lays out the argument block of the native spawn routine
 * (ffi/x86_64/native.S documents the offsets) and every buffer it points to.
 */
import { type Libc, sockFprog } from "../types.ts";

export interface SpawnSpec {
  /** Absolute or relative path of the program, already resolved through PATH. */
  path: string;
  argv: string[];
  /** "KEY=value" strings. */
  env: string[];
  cwd: string | null;
  /** Descriptors to become 0, 1 and 2 in the child; -1 inherits ours. */
  fds: [number, number, number];
  /** A seccomp filter program (sock_filter array), or null for none. */
  filter: Uint8Array | null;
  /** Start the child in a session of its own. */
  setsid: boolean;
  /**
   * Install the filter without no_new_privs, so that setuid and setgid programs and file
   * capabilities work as usual: only for a caller with CAP_SYS_ADMIN, which seccomp requires then.
   */
  keepPrivileges: boolean;
  /**
   * The child waits, before it execs, for its tracer to attach with PTRACE_SEIZE (see
   * `seized`) rather than asking to be traced: only a seized tree can be left in a group-stop
   * (PTRACE_LISTEN), so that SIGSTOP and job control work as without a tracer.
   */
  seize: boolean;
}

/** Step numbers the routine writes when something fails in the child. */
export const SPAWN_STEP: Record<number, string> = {
  1: "dup2", 2: "chdir", 3: "ptrace(PTRACE_TRACEME)", 4: "prctl(PR_SET_NO_NEW_PRIVS)",
  5: "seccomp(SECCOMP_SET_MODE_FILTER)", 6: "execve", 7: "setsid",
};

const ARGS_BYTES = 152;
const encoder = new TextEncoder();

/** The block plus the buffers it points into, kept alive together. */
export interface SpawnBlock {
  args: Uint8Array;
  keep: ArrayBufferView[];
}

/** Builds the block; its result fields are read back with `spawnFailure`. */
export function spawnBlock(libc: Libc, spec: SpawnSpec): SpawnBlock {
  const keep: ArrayBufferView[] = [];
  const strings = [spec.path, ...spec.argv, ...spec.env, ...(spec.cwd === null ? [] : [spec.cwd])];
  const encoded = strings.map((s) => encoder.encode(s + "\0"));
  const pool = new Uint8Array(new ArrayBuffer(encoded.reduce((n, e) => n + e.length, 0)));
  const base = libc.address(pool);
  const at: bigint[] = [];
  let offset = 0;
  for (const e of encoded) {
    pool.set(e, offset);
    at.push(base + BigInt(offset));
    offset += e.length;
  }
  keep.push(pool);

  const argv = new BigUint64Array(new ArrayBuffer(8 * (spec.argv.length + 1)));
  spec.argv.forEach((_, i) => (argv[i] = at[1 + i]));
  const envp = new BigUint64Array(new ArrayBuffer(8 * (spec.env.length + 1)));
  spec.env.forEach((_, i) => (envp[i] = at[1 + spec.argv.length + i]));
  keep.push(argv, envp);

  const args = new Uint8Array(new ArrayBuffer(ARGS_BYTES));
  const words = new BigInt64Array(args.buffer);
  words[0] = at[0];
  words[1] = libc.address(argv);
  words[2] = libc.address(envp);
  words[3] = spec.cwd === null ? 0n : at[at.length - 1];
  words[4] = BigInt(spec.fds[0]);
  words[5] = BigInt(spec.fds[1]);
  words[6] = BigInt(spec.fds[2]);
  if (spec.filter) {
    const prog = sockFprog(spec.filter, libc.address);
    keep.push(prog, spec.filter);
    words[7] = libc.address(prog);
  }
  // words[8]: the child's stack, filled in by the binding.
  // PTRACE_TRACEME or to be seized, setsid, no no_new_privs.
  words[9] = (spec.seize ? 8n : 1n) | (spec.setsid ? 2n : 0n) | (spec.keepPrivileges ? 4n : 0n);
  words[12] = -1n; // every signal blocked while cloning
  return { args, keep };
}

/** Lets a child waiting to be seized go on to exec (`attached`), or exit with EPERM. */
export function seized(block: SpawnBlock, attached: boolean): void {
  new BigInt64Array(block.args.buffer)[18] = attached ? 1n : 2n;
}

/** The failing step and its errno, when the child could not exec. */
export function spawnFailure(block: SpawnBlock): { step: string; errno: number } | null {
  const words = new BigInt64Array(block.args.buffer);
  const step = Number(words[10]);
  return step === 0 ? null : { step: SPAWN_STEP[step] ?? `step ${step}`, errno: Number(words[11]) };
}
