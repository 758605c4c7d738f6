/**
 * Linux constants the tracer uses that are the same on every architecture:
 * ptrace requests and events, wait flags, signals, errno values, open flags.
 * What depends on the architecture (syscall numbers, registers) is in ffi/x86_64/.
 */

export const PTRACE = {
  CONT: 7,
  DETACH: 17,
  SYSCALL: 24,
  SETOPTIONS: 0x4200,
  GETEVENTMSG: 0x4201,
  GETSIGINFO: 0x4202,
  SEIZE: 0x4206,
  INTERRUPT: 0x4207,
  LISTEN: 0x4208,
} as const;

/** PTRACE_O_*: follow fork, vfork, clone and exec, stop at exits and seccomp traps, kill the tree if the tracer dies. */
export const PTRACE_OPTIONS = 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x80 | 0x100000;

/**
 * PTRACE_O_* for a process attached while running (`--attach`): syscall stops marked
 * (TRACESYSGOOD), fork, vfork, clone, exec and exit followed; no seccomp, and no EXITKILL: it
 * must outlive memassert.
 */
export const PTRACE_ATTACH_OPTIONS = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x40;

/** PTRACE_EVENT_*, as found in bits 16–23 of a wait status. */
export const PTRACE_EVENT = { FORK: 1, VFORK: 2, CLONE: 3, EXEC: 4, EXIT: 6, SECCOMP: 7, STOP: 128 } as const;

/** wait4 flags: every child, threads included, but not other threads' children. */
export const WAIT = { ALL: 0x40000000, NOTHREAD: 0x20000000, NOHANG: 1, UNTRACED: 2 } as const;

export const SIG = { HUP: 1, INT: 2, TRAP: 5, KILL: 9, TERM: 15, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22 } as const;

export const ERRNO = { EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, ECHILD: 10, EAGAIN: 11, EACCES: 13, ENOTDIR: 20, EINVAL: 22, ENOSYS: 38 } as const;

export const O = { RDONLY: 0, DIRECTORY: 0o200000, CLOEXEC: 0o2000000 } as const;

/** The page size of x86_64 and of the /proc figures counted in pages. */
export const PAGE = 4096;

/**
 * A `struct perf_event_attr` counting the page faults of one task (software event
 * PERF_COUNT_SW_PAGE_FAULTS, user and kernel mode, so that faults taken while copying to
 * user memory count too), with `inherit` also those of the tasks it creates from now on.
 */
export function pageFaultCounter(inherit: boolean): Uint8Array {
  const attr = new Uint8Array(new ArrayBuffer(PERF_ATTR_BYTES));
  const view = new DataView(attr.buffer);
  view.setUint32(0, 1, true); // type: PERF_TYPE_SOFTWARE
  view.setUint32(4, PERF_ATTR_BYTES, true); // size
  view.setBigUint64(8, 2n, true); // config: PERF_COUNT_SW_PAGE_FAULTS
  view.setBigUint64(40, inherit ? 2n : 0n, true); // flags: bit 1 inherit
  return attr;
}

/** sizeof(struct perf_event_attr) in its seventh version (Linux 4.16): larger sizes with a zero tail are taken too. */
const PERF_ATTR_BYTES = 128;

/** perf_event_open's flag for a descriptor closed on exec. */
export const PERF_FLAG_FD_CLOEXEC = 8;
