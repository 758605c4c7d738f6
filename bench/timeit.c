/*
 * timeit: runs CMD ARGS..., prints "ms=WALL" to stderr after CMD's own output; exits with
 * CMD's status. The VM has no GNU time and busybox's has no sub-second resolution: this
 * times the runs of bench/kernels.ts inside it.
 * Usage: timeit CMD ARGS...
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int status;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return 125;
  clock_gettime(CLOCK_MONOTONIC, &b);
  fprintf(stderr, "ms=%.3f\n", (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
