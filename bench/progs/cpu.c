/*
 * cpu: about one second of pure computation, no syscalls in the loop.
 * Tracing cost here should be startup only: nothing in the loop can stop.
 * Usage: cpu [ITERATIONS]  (default calibrated to ~1 s on the bench VM)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 600000000ULL;
  /* xorshift: a dependent chain the compiler cannot fold away */
  uint64_t x = 88172645463325252ULL;
  for (uint64_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  /* printed so the loop has an observable result */
  return (int)(x & 1) + (x == 0 ? printf("%llu\n", (unsigned long long)x) : 0);
}
