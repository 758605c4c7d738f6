/**
 * Parsers for the /proc files the careful readings of runner/trace/lag.ts read at
 * stops, straight from the bytes procfs.ts reads into its buffers: no string is made.
 */

/** The bytes of "\nKEY", to find a `KEY   123 kB` line with {@link kibIn}. */
export function keyOf(key: string): number[] {
  return [10, ...new TextEncoder().encode(key)];
}

/** The value of a `Key:   123 kB` line in `buf`'s first `n` bytes, in bytes; -1 when absent. */
export function kibIn(buf: Uint8Array, n: number, key: number[]): number {
  outer: for (let i = 0; i + key.length < n; i++) {
    for (let k = 0; k < key.length; k++) if (buf[i + k] !== key[k]) continue outer;
    let j = i + key.length, value = 0;
    while (j < n && buf[j] === 32) j++;
    for (; j < n && buf[j] >= 48 && buf[j] <= 57; j++) value = value * 10 + buf[j] - 48;
    return value * 1024;
  }
  return -1;
}

/**
 * minflt + majflt (fields 10 and 12) of a /proc/PID/stat line in `buf`'s first `n` bytes;
 * -1 when it is cut short. The command name may hold spaces and parentheses: fields count
 * from the last ")".
 */
export function statFaults(buf: Uint8Array, n: number): number {
  let i = n - 1;
  while (i > 0 && buf[i] !== 41) i--;
  let field = 2, total = 0, value = 0;
  for (i++; i < n; i++) {
    if (buf[i] !== 32) {
      value = value * 10 + buf[i] - 48;
      continue;
    }
    if (field === 10) total += value;
    if (field === 12) return total + value;
    field++;
    value = 0;
  }
  return -1;
}
