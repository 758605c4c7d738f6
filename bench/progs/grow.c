/*
 * grow: 512 times map and touch 1 MiB, kept, then unmap one page: a stop at a new peak
 * each time, up to 512 MiB. The worst case for --explain, which reads smaps at new peaks.
 * Usage: grow [STEPS]
 */
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 512;
  for (long i = 0; i < n; i++) {
    char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 1;
    for (long j = 0; j < 1 << 20; j += 4096) p[j] = 1;
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) return 1;
    page[0] = 1;
    munmap(page, 4096);
  }
  return 0;
}
