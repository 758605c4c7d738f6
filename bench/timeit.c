/*
 * timeit: runs CMD ARGS..., prints "ms=WALL maxrss=KIB cpu=MS" to stderr after CMD's own
 * output (cpu: user and system time of CMD and the children it waited for);
 * exits with CMD's status. The VM has no GNU time and busybox's has no sub-second
 * resolution: this times the runs of bench/kernels.ts inside it. bench/startup.ts uses it
 * for the same reason on the host, and for CMD's own peak RSS: CMD is started with fork,
 * so the high-water mark its rusage carries from before its exec is timeit's own, ~1 MiB.
 * Usage: timeit CMD ARGS...
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  struct timespec a, b;
  struct rusage usage;
  clock_gettime(CLOCK_MONOTONIC, &a);
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int status;
  if (pid < 0 || wait4(pid, &status, 0, &usage) != pid) return 125;
  clock_gettime(CLOCK_MONOTONIC, &b);
  double cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
  fprintf(stderr, "ms=%.3f maxrss=%ld cpu=%.3f\n", (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6, usage.ru_maxrss, cpu);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
