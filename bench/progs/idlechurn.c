/*
 * idlechurn: IDLE children that sleep on a pipe the whole time, and a parent that churns:
 * COUNT times malloc(1 MiB), touch its first byte, free (one munmap, so one tracer stop,
 * each). Measures how the cost of a stop grows with processes that do nothing.
 * Usage: idlechurn IDLE [COUNT]
 */
#include <malloc.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int idle = argc > 1 ? atoi(argv[1]) : 0;
  long n = argc > 2 ? atol(argv[2]) : 20000;
  int p[2];
  if (pipe(p)) return 1;
  for (int i = 0; i < idle; i++) {
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
      char c;
      close(p[1]);
      (void)!read(p[0], &c, 1); /* until the parent closes the pipe */
      _exit(0);
    }
  }
  close(p[0]);
  mallopt(M_MMAP_THRESHOLD, 512 * 1024);
  for (long i = 0; i < n; i++) {
    volatile char *m = malloc(1 << 20);
    if (!m) return 1;
    m[0] = 1;
    free((void *)m);
  }
  close(p[1]);
  while (wait(NULL) > 0) {}
  return 0;
}
