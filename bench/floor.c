/*
 * floor: the cost floor for exact peak-RSS tracing.
 *
 * The least a ptrace tracer can do while giving the exact peak: a seccomp
 * filter stops the tree only at the syscalls that can lower RSS, and at each
 * such stop (and at every exit) the tracer reads /proc/PID/statm through an fd
 * opened once per task. memassert's exact mode does the same work from
 * JavaScript; bench/run.ts compares the two per stop.
 *
 *   usage: floor [--tree] CMD ARGS...
 *   prints "stops=N peak=BYTES procs=N tree_peak=BYTES" on stderr; exits with
 *   CMD's status (128+signal when a signal ended it). peak is the root
 *   process's highest RSS over all its images; procs counts thread groups seen.
 *
 *   By default a stop reads only the stopped task, the least an exact root
 *   peak needs. --tree reads every live process at each stop, as memassert
 *   does to keep the tree's peak (the sum over processes alive together):
 *   tree_peak is that sum's highest value (0 without --tree).
 *
 * Build: gcc -O2 -o floor floor.c   (x86_64 Linux only)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef __x86_64__
#error "floor.c is x86_64 only"
#endif
#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif

/* ---- seccomp filter --------------------------------------------------- */

#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i)) /* little-endian low word */

/* Filter data passed back through PTRACE_GETEVENTMSG at the stop. */
enum { STOP_PLAIN = 0, STOP_KILL = 1 };

/*
 * A tiny assembler: jumps to the two return labels are fixed up at the end,
 * so the program reads top to bottom without hand-counted offsets.
 */
enum { L_NONE, L_TRACE, L_KILL, L_ALLOW };
static struct sock_filter prog[64];
static uint8_t jt_label[64], jf_label[64];
static int n_ins;

static void op(uint16_t code, uint32_t k, int jt, int jf) {
  if (n_ins == (int)(sizeof prog / sizeof prog[0])) { fprintf(stderr, "floor: filter too long\n"); exit(125); }
  prog[n_ins] = (struct sock_filter){code, 0, 0, k};
  jt_label[n_ins] = jt;
  jf_label[n_ins] = jf;
  n_ins++;
}
static void ld(uint32_t off) { op(BPF_LD | BPF_W | BPF_ABS, off, L_NONE, L_NONE); }
/* if A == k go to label, else fall through */
static void jeq(uint32_t k, int label) { op(BPF_JMP | BPF_JEQ | BPF_K, k, label, L_NONE); }
/* if A == k go to yes, else to no */
static void jeq2(uint32_t k, int yes, int no) { op(BPF_JMP | BPF_JEQ | BPF_K, k, yes, no); }
static void ret(uint32_t v) { op(BPF_RET | BPF_K, v, L_NONE, L_NONE); }

static void build_filter(void) {
  ld(offsetof(struct seccomp_data, arch));
  jeq2(AUDIT_ARCH_X86_64, L_NONE, L_TRACE); /* i386 via int 0x80 has other numbers: stop on all */
  ld(offsetof(struct seccomp_data, nr));
  op(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, L_TRACE, L_NONE); /* x32 ABI: stop on all */
  /* Same calls and argument checks as runner/seccomp.ts (exact mode), so both
   * tracers stop the same number of times on the same program. */
  static const uint32_t always[] = {__NR_munmap, __NR_mremap,   __NR_shmdt,   __NR_truncate,
                                    __NR_ftruncate, __NR_execve, __NR_execveat, __NR_remap_file_pages,
                                    __NR_process_madvise};
  for (unsigned i = 0; i < sizeof always / sizeof always[0]; i++) jeq(always[i], L_TRACE);
  /* the rest look at one argument; each jeq2 is patched to jump to its block */
  static const uint32_t checked[] = {__NR_mmap, __NR_madvise, __NR_brk, __NR_fallocate,
                                     __NR_kill, __NR_tkill, __NR_pidfd_send_signal, __NR_tgkill};
  enum { N_CHECKED = sizeof checked / sizeof checked[0] };
  int at_check[N_CHECKED];
  for (unsigned i = 0; i < N_CHECKED; i++) {
    at_check[i] = n_ins;
    jeq2(checked[i], L_NONE, L_NONE);
  }
  ret(SECCOMP_RET_ALLOW);
#define BLOCK(i) (prog[at_check[i]].jt = n_ins - at_check[i] - 1)

  /* mmap with MAP_FIXED replaces whatever was mapped there */
  BLOCK(0);
  ld(ARG_LO(3));
  op(BPF_JMP | BPF_JSET | BPF_K, MAP_FIXED, L_TRACE, L_ALLOW);

  /* madvise advice that frees pages */
  BLOCK(1);
  ld(ARG_LO(2));
  static const uint32_t advice[] = {4 /* DONTNEED */, 8 /* FREE */,  9 /* REMOVE */, 21 /* PAGEOUT */,
                                    24 /* DONTNEED_LOCKED */, 100 /* HWPOISON */, 101 /* SOFT_OFFLINE */,
                                    102 /* GUARD_INSTALL */};
  for (unsigned i = 0; i < sizeof advice / sizeof advice[0]; i++) jeq(advice[i], L_TRACE);
  ret(SECCOMP_RET_ALLOW);

  /* brk, but not brk(0), which only asks where the break is */
  BLOCK(2);
  ld(ARG_LO(0));
  jeq2(0, L_NONE, L_TRACE);
  ld(ARG_LO(0) + 4);
  jeq2(0, L_ALLOW, L_TRACE);

  /* fallocate with a mode that can punch or zero a range */
  BLOCK(3);
  ld(ARG_LO(1));
  op(BPF_JMP | BPF_JSET | BPF_K, 0xff, L_TRACE, L_ALLOW);

  /* kill(pid, sig), tkill(tid, sig), pidfd_send_signal(fd, sig, ...) */
  BLOCK(4);
  BLOCK(5);
  BLOCK(6);
  ld(ARG_LO(1));
  jeq2(SIGKILL, L_KILL, L_ALLOW);

  /* tgkill(tgid, tid, sig) */
  BLOCK(7);
  ld(ARG_LO(2));
  jeq2(SIGKILL, L_KILL, L_ALLOW);
#undef BLOCK

  int at[4];
  at[L_TRACE] = n_ins;
  ret(SECCOMP_RET_TRACE | STOP_PLAIN);
  at[L_KILL] = n_ins;
  ret(SECCOMP_RET_TRACE | STOP_KILL);
  at[L_ALLOW] = n_ins;
  ret(SECCOMP_RET_ALLOW);
  for (int i = 0; i < n_ins; i++) {
    if (jt_label[i]) prog[i].jt = at[jt_label[i]] - i - 1;
    if (jf_label[i]) prog[i].jf = at[jf_label[i]] - i - 1;
  }
}

static void install_filter(void) {
  struct sock_fprog fp = {(unsigned short)n_ins, prog};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) { perror("floor: PR_SET_NO_NEW_PRIVS"); _exit(126); }
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fp)) { perror("floor: seccomp"); _exit(126); }
}

/* ---- task table -------------------------------------------------------- */

/* One slot per pid, indexed directly: calloc'd pages are only touched where used. */
struct task {
  int fd;           /* /proc/TID/statm, or -1 */
  int tgid;         /* thread group it belongs to */
  uint8_t live;     /* traced and not yet reaped */
  uint8_t started;  /* its initial SIGSTOP has been seen */
  uint64_t peak;    /* meaningful on the thread-group leader: pages */
};
static struct task *tasks;
static int pid_max;
static int *live_list, nlive; /* for kill(0 or -1, SIGKILL) */
static long stops, procs;
static long page_size;
static int tree_mode;      /* --tree: read every live process at each stop */
static uint64_t tree_peak; /* pages */

static struct task *T(int pid) {
  if (pid <= 0 || pid >= pid_max) { fprintf(stderr, "floor: pid %d out of range\n", pid); exit(125); }
  return &tasks[pid];
}

static void add_task(int tid, int tgid) {
  struct task *t = T(tid);
  if (t->live) return;
  char path[48];
  snprintf(path, sizeof path, "/proc/%d/statm", tid);
  t->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (t->fd < 0) { fprintf(stderr, "floor: open %s: %s\n", path, strerror(errno)); exit(125); }
  t->tgid = tgid;
  t->live = 1;
  if (tgid == tid) { T(tgid)->peak = 0; procs++; }
  live_list[nlive++] = tid;
}

static void drop_task(int tid) {
  struct task *t = T(tid);
  if (!t->live) return;
  close(t->fd);
  t->fd = -1;
  t->live = 0;
  t->started = 0;
  for (int i = 0; i < nlive; i++)
    if (live_list[i] == tid) { live_list[i] = live_list[--nlive]; break; }
}

/* statm: "size resident shared text lib data dt", in pages; returns the RSS read */
static uint64_t sample(int tid) {
  struct task *t = T(tid);
  if (!t->live) return 0;
  char buf[128];
  ssize_t n = pread(t->fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return 0; /* already past exit_mm: nothing left to count */
  buf[n] = 0;
  char *p = buf;
  while (*p && *p != ' ') p++;
  uint64_t rss = strtoull(p, NULL, 10);
  struct task *leader = T(t->tgid);
  if (rss > leader->peak) leader->peak = rss;
  return rss;
}

/* --tree: every live process's RSS (one read per thread group, at its leader) and their sum. */
static void sample_tree(void) {
  uint64_t sum = 0;
  for (int i = 0; i < nlive; i++)
    if (T(live_list[i])->tgid == live_list[i]) sum += sample(live_list[i]);
  if (sum > tree_peak) tree_peak = sum;
}

/* What a stop of `tid` reads: the task itself, or with --tree every live process. */
static void sample_stop(int tid) {
  if (tree_mode) sample_tree();
  else sample(tid);
}

static int tgid_of(int tid) {
  char path[48], buf[512];
  snprintf(path, sizeof path, "/proc/%d/status", tid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return tid;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return tid;
  buf[n] = 0;
  char *p = strstr(buf, "\nTgid:");
  return p ? atoi(p + 6) : tid;
}

/* A kill(…, SIGKILL) ends its targets without an exit stop: read them now. */
static void sample_kill_targets(int tid) {
  struct user_regs_struct r;
  if (ptrace(PTRACE_GETREGS, tid, 0, &r)) return;
  long nr = (long)r.orig_rax, a0 = (long)(int)r.rdi;
  if (nr == __NR_kill && a0 <= 0) {
    for (int i = 0; i < nlive; i++) sample(live_list[i]);
  } else if (nr == __NR_kill || nr == __NR_tkill || nr == __NR_tgkill) {
    int target = nr == __NR_tgkill ? (int)r.rsi : (int)a0;
    if (target > 0 && target < pid_max && T(target)->live) {
      int g = T(target)->tgid;
      for (int i = 0; i < nlive; i++)
        if (T(live_list[i])->tgid == g) sample(live_list[i]);
    }
  } else if (nr == __NR_pidfd_send_signal) {
    for (int i = 0; i < nlive; i++) sample(live_list[i]); /* target unknown from an fd */
  }
}

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--tree") == 0) { tree_mode = 1; argv++; argc--; }
  if (argc < 2) { fprintf(stderr, "usage: floor [--tree] CMD ARGS...\n"); return 2; }
  page_size = sysconf(_SC_PAGESIZE);
  pid_max = 4194304 + 1;
  FILE *f = fopen("/proc/sys/kernel/pid_max", "r");
  if (f) { if (fscanf(f, "%d", &pid_max) == 1) pid_max++; fclose(f); }
  tasks = calloc(pid_max, sizeof *tasks);
  live_list = calloc(pid_max, sizeof *live_list);
  if (!tasks || !live_list) { perror("floor: calloc"); return 125; }

  build_filter();
  pid_t root = fork();
  if (root < 0) { perror("floor: fork"); return 125; }
  if (root == 0) {
    if (ptrace(PTRACE_TRACEME, 0, 0, 0)) { perror("floor: PTRACE_TRACEME"); _exit(126); }
    /* Stop until the tracer has set TRACESECCOMP: a filtered execve without
     * it fails with ENOSYS. */
    raise(SIGSTOP);
    install_filter();
    execvp(argv[1], argv + 1);
    fprintf(stderr, "floor: exec %s: %s\n", argv[1], strerror(errno));
    _exit(127);
  }

  int st;
  if (waitpid(root, &st, __WALL) != root || !WIFSTOPPED(st)) { fprintf(stderr, "floor: child did not stop\n"); return 125; }
  long opts = PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEEXIT | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
              PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;
  if (ptrace(PTRACE_SETOPTIONS, root, 0, opts)) { perror("floor: PTRACE_SETOPTIONS"); return 125; }
  add_task(root, root);
  T(root)->started = 1;
  if (ptrace(PTRACE_CONT, root, 0, 0)) { perror("floor: PTRACE_CONT"); return 125; }

  int root_status = -1;
  uint64_t root_peak = 0;
  for (;;) {
    pid_t pid = wait4(-1, &st, __WALL, NULL);
    if (pid < 0) {
      if (errno == EINTR) continue;
      if (errno == ECHILD) break;
      perror("floor: wait4");
      return 125;
    }
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
      if (pid == root) { root_status = st; root_peak = T(root)->peak; }
      drop_task(pid);
      continue;
    }
    if (!WIFSTOPPED(st)) continue;
    int sig = WSTOPSIG(st), event = (unsigned)st >> 16, inject = 0;
    struct task *t = T(pid);

    if (!t->live || !t->started) {
      /* A new child's first stop may come before its parent's fork event. */
      if (!t->live) add_task(pid, tgid_of(pid));
      t->started = 1;
      if (sig == SIGSTOP && event == 0) { ptrace(PTRACE_CONT, pid, 0, 0); continue; }
    }

    if (sig == SIGTRAP && event) {
      unsigned long msg = 0;
      switch (event) {
      case PTRACE_EVENT_SECCOMP:
        stops++;
        sample_stop(pid);
        /* The filter's data says whether this is a SIGKILL being sent. */
        if (!ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg) && msg == STOP_KILL) sample_kill_targets(pid);
        break;
      case PTRACE_EVENT_EXIT:
        stops++;
        sample_stop(pid);
        break;
      case PTRACE_EVENT_FORK:
      case PTRACE_EVENT_VFORK:
      case PTRACE_EVENT_CLONE:
        if (!ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg)) {
          int child = (int)msg;
          if (!T(child)->live)
            add_task(child, event == PTRACE_EVENT_CLONE ? tgid_of(child) : child);
        }
        break;
      case PTRACE_EVENT_EXEC:
        /* A non-leader thread that execs takes over the leader's pid. */
        if (!ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg) && (int)msg != pid) drop_task((int)msg);
        break;
      }
    } else if (event == PTRACE_EVENT_STOP) {
      /* not used without SEIZE */
    } else {
      siginfo_t si;
      /* GETSIGINFO fails for a group-stop: resume it without a signal. */
      if (!ptrace(PTRACE_GETSIGINFO, pid, 0, &si)) inject = sig;
    }
    if (ptrace(PTRACE_CONT, pid, 0, inject) && errno != ESRCH) perror("floor: PTRACE_CONT");
  }

  fprintf(stderr, "stops=%ld peak=%llu procs=%ld tree_peak=%llu\n", stops, (unsigned long long)(root_peak * page_size), procs,
          (unsigned long long)(tree_peak * page_size));
  if (root_status < 0) return 125;
  if (WIFEXITED(root_status)) return WEXITSTATUS(root_status);
  return 128 + WTERMSIG(root_status);
}
