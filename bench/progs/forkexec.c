/*
 * forkexec: 300 times fork + exec /bin/true + wait.
 * Measures the cost of following a tree: every child is a new traced process
 * with its own exec and exit stops. Usage: forkexec [COUNT]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 300;
  for (int i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) {
      execl("/bin/true", "true", (char *)NULL);
      _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
      fprintf(stderr, "forkexec: child %d failed (status %d)\n", i, st);
      return 1;
    }
  }
  return 0;
}
