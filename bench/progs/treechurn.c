/*
 * treechurn: a parent and 4 children, each child 25 000 times malloc(1 MiB), touch its
 * first byte, free; the children run at once. Each free is one munmap, so one tracer
 * stop, with 5 processes alive: this program measures the cost per stop of a tracer that
 * reads every live process at each stop (to keep the tree's peak). Usage:
 * treechurn [CHILDREN [COUNT]]
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int children = argc > 1 ? atoi(argv[1]) : 4;
  long n = argc > 2 ? atol(argv[2]) : 25000;
  for (int c = 0; c < children; c++) {
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) {
      /* As in churn.c: each 1 MiB block in its own mmap, so each free is a munmap. */
      mallopt(M_MMAP_THRESHOLD, 512 * 1024);
      for (long i = 0; i < n; i++) {
        volatile char *p = malloc(1 << 20);
        if (!p) _exit(1);
        p[0] = 1;
        free((void *)p);
      }
      _exit(0);
    }
  }
  int failed = 0;
  for (int c = 0; c < children; c++) {
    int st;
    if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) failed = 1;
  }
  return failed;
}
