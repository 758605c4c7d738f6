/**
 * Linux signal names and numbers (x86_64 and most other Linux architectures), used to turn
 * "killed by SIGKILL" into the shell's exit status 128 + 9 = 137.
 *
 * @module
 */

/** Standard signals 1–31, in order, as Linux numbers them. */
const NAMES = [
  "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
  "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
  "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
  "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
] as const;

/** Other names the kernel headers give to the same numbers. */
const ALIASES: Readonly<Record<string, number>> = {
  SIGIOT: 6,
  SIGCLD: 17,
  SIGPOLL: 29,
  SIGUNUSED: 31,
};

/** Real-time signals as glibc numbers them (the kernel reserves 32 and 33 for threads). */
const RTMIN = 34;
const RTMAX = 64;

/**
 * The number of a signal given its name, or `undefined` for an unknown name.
 *
 * Accepts the usual names with or without the `SIG` prefix, in any case (`"SIGKILL"`,
 * `"kill"`), their aliases (`SIGIOT`, `SIGPOLL`…), real-time signals as `kill -l` prints
 * them (`SIGRTMIN+3`, `SIGRTMAX-1`) and plain numbers (`"SIG9"`, `"9"`).
 *
 * @example
 * ```ts
 * signalNumber("SIGKILL");    // 9
 * signalNumber("term");       // 15
 * signalNumber("SIGRTMIN+1"); // 35
 * signalNumber("SIGNOPE");    // undefined
 * ```
 */
export function signalNumber(name: string): number | undefined {
  const upper = name.trim().toUpperCase();
  const full = upper.startsWith("SIG") ? upper : `SIG${upper}`;
  const index = (NAMES as readonly string[]).indexOf(full);
  if (index >= 0) return index + 1;
  if (full in ALIASES) return ALIASES[full];
  const rt = /^SIGRT(MIN|MAX)(?:([+-])(\d+))?$/.exec(full);
  if (rt !== null) {
    const base = rt[1] === "MIN" ? RTMIN : RTMAX;
    const offset = rt[2] === undefined ? 0 : Number(`${rt[2]}${rt[3]}`);
    const n = base + offset;
    return n >= RTMIN && n <= RTMAX ? n : undefined;
  }
  const numeric = /^SIG(\d+)$/.exec(full);
  if (numeric !== null) {
    const n = Number(numeric[1]);
    return n >= 1 && n <= RTMAX ? n : undefined;
  }
  return undefined;
}

/**
 * The name of signal `n`, or `undefined` when `n` is not a Linux signal number (1–64).
 * Real-time signals are named as bash's `kill -l` names them.
 *
 * @example
 * ```ts
 * signalName(9);  // "SIGKILL"
 * signalName(35); // "SIGRTMIN+1"
 * signalName(0);  // undefined
 * ```
 */
export function signalName(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > RTMAX) return undefined;
  if (n <= NAMES.length) return NAMES[n - 1];
  if (n < RTMIN) return `SIG${n}`;
  if (n === RTMIN) return "SIGRTMIN";
  if (n === RTMAX) return "SIGRTMAX";
  const middle = (RTMIN + RTMAX) / 2; // 49: bash switches from RTMIN+n to RTMAX-n after it
  return n <= middle ? `SIGRTMIN+${n - RTMIN}` : `SIGRTMAX-${RTMAX - n}`;
}
