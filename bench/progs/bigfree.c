/*
 * bigfree: malloc 256 MiB, touch every page, free it, exit.
 * The peak is freed before exit, so an RSS read at exit alone misses it,
 * and VmHWM lags behind it (see shared/notes/measurement.md).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  size_t size = 256u << 20;
  long page = sysconf(_SC_PAGESIZE);
  volatile char *p = malloc(size);
  if (!p) return 1;
  for (size_t i = 0; i < size; i += page) p[i] = 1;
  free((void *)p);
  return 0;
}
