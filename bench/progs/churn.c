/*
 * churn: 100 000 times malloc(1 MiB), touch its first byte, free.
 * Each free is one munmap, so each iteration is one tracer stop: this program
 * measures the cost per stop. Usage: churn [COUNT]
 */
#include <malloc.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  /* A fixed threshold keeps every 1 MiB block in its own mmap; left dynamic,
   * glibc raises the threshold after the first free and later blocks come
   * from the brk heap, with no munmap at all. */
  mallopt(M_MMAP_THRESHOLD, 512 * 1024);
  for (long i = 0; i < n; i++) {
    volatile char *p = malloc(1 << 20);
    if (!p) return 1;
    p[0] = 1;
    free((void *)p);
  }
  return 0;
}
