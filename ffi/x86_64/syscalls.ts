/**
 * x86_64 facts the tracer and the seccomp filter need: the syscall numbers of
 * the calls that can lower RSS (for 64-bit and for 32-bit i386 programs), the
 * audit architecture values seccomp reports, and where syscall arguments sit
 * in the registers that PTRACE_GETREGS returns. Numbers are from the kernel's
 * arch/x86/entry/syscalls/syscall_64.tbl and syscall_32.tbl.
 */

/** `seccomp_data.arch` values. */
export const AUDIT_ARCH = { X86_64: 0xc000003e, I386: 0x40000003 } as const;

/** Syscall numbers at or above this bit are x32 calls of a 64-bit process. */
export const X32_SYSCALL_BIT = 0x40000000;

/** 64-bit syscalls. */
export const SYS_X86_64 = {
  mmap: 9, munmap: 11, brk: 12, mremap: 25, madvise: 28, execve: 59, kill: 62, shmdt: 67,
  truncate: 76, ftruncate: 77, tkill: 200, remap_file_pages: 216, tgkill: 234, fallocate: 285,
  execveat: 322, pidfd_send_signal: 424, process_madvise: 440,
  // Calls that can make memory resident without a page fault of the process (see
  // runner/trace/faults.ts), and perf_event_open.
  open: 2, mlock: 149, mlockall: 151, vmsplice: 278, openat: 257, fcntl: 72, ptrace: 101,
  process_vm_readv: 310, process_vm_writev: 311, userfaultfd: 323, mlock2: 325,
  io_uring_setup: 425, io_uring_register: 427, openat2: 437, perf_event_open: 298,
} as const;

/** 32-bit syscalls (int 0x80), for i386 programs. */
export const SYS_I386 = {
  execve: 11, kill: 37, brk: 45, ipc: 117, old_mmap: 90, munmap: 91, truncate: 92, ftruncate: 93,
  mremap: 163, mmap2: 192, truncate64: 193, ftruncate64: 194, madvise: 219, tkill: 238,
  remap_file_pages: 257, tgkill: 270, fallocate: 324, execveat: 358, shmdt: 398,
  pidfd_send_signal: 424, process_madvise: 440,
  open: 5, fcntl: 55, mlock: 150, mlockall: 152, openat: 295, vmsplice: 316, process_vm_readv: 347,
  process_vm_writev: 348, userfaultfd: 374, mlock2: 376, io_uring_setup: 425, io_uring_register: 427,
  openat2: 437,
} as const;

/** Words in `struct user_regs_struct` (PTRACE_GETREGS). */
export const USER_REGS_WORDS = 27;

/** Index in `user_regs_struct` of each syscall argument register of a 64-bit call: rdi, rsi, rdx, r10, r8, r9. */
export const SYSCALL_ARG_REG = [14, 13, 12, 7, 9, 8] as const;

/** PTRACE_GETREGS and PTRACE_SETREGS, which only some architectures have. */
export const PTRACE_GETREGS = 12;
export const PTRACE_SETREGS = 13;

/** Index in `user_regs_struct` of the syscall's return value and of its number. */
export const REG_RETURN = 10, REG_SYSCALL = 15;
