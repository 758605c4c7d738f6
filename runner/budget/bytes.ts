/**
 * Sizes as people write them ("64 MiB", "1.5GB") and as memassert prints them (IEC units).
 *
 * Units are case-sensitive because case carries meaning: `MB` is 10⁶ bytes, `Mb` would be
 * megabits, and `mb` is a millibit. A unit that is only wrong by case, or is missing its `i`
 * or `B` ("64m", "64M", "64mib"), is refused with a hint naming the units it may have meant,
 * so a budget never silently means something 5 % or 1000× off.
 *
 * @module
 */

/** Bytes per accepted unit. `KB` is accepted beside the SI `kB`: both mean 1000. */
const UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
};

const ACCEPTED = "use B, KiB, MiB, GiB, TiB, kB, MB, GB, TB";

/** An optionally signed decimal number with an optional exponent, then whatever follows as the unit. */
const SIZE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(.*)$/s;

/**
 * Parses a size into an exact, non-negative integer number of bytes.
 *
 * Accepts a bare number (bytes) or a number followed by one of `B`, `KiB`, `MiB`, `GiB`,
 * `TiB` (powers of 1024) or `kB`/`KB`, `MB`, `GB`, `TB` (powers of 1000), with or without a
 * space. Decimals are allowed and rounded to the nearest byte.
 *
 * @throws {SyntaxError} when the text is not a number with a known unit; the message names
 *   the input and lists the accepted units.
 * @throws {RangeError} when the size is negative, not finite, or above 2⁵³ − 1 bytes.
 *
 * @example
 * ```ts
 * parseBytes("64 MiB");  // 67108864
 * parseBytes("64MB");    // 64000000
 * parseBytes("1.5 KiB"); // 1536
 * parseBytes(4096);      // 4096
 * parseBytes("64 mb");   // SyntaxError: Cannot parse size "64 mb": unknown unit "mb" (did you mean MB or MiB? …)
 * ```
 */
export function parseBytes(input: string | number): number {
  if (typeof input === "number") return checkRange(input, String(input));
  if (typeof input !== "string") {
    throw new TypeError(`Cannot parse size ${String(input)}: expected a string or a number`);
  }
  const text = input.trim();
  if (text === "") {
    throw new SyntaxError(`Cannot parse size "${input}": it is empty (write e.g. "64 MiB"; ${ACCEPTED})`);
  }
  const m = SIZE.exec(text);
  if (m === null) {
    if (/^[+-]?Infinity/.test(text)) {
      throw new RangeError(`Size "${input}" is not finite (write a number of bytes, e.g. "64 MiB")`);
    }
    throw new SyntaxError(`Cannot parse size "${input}": it does not start with a number (write e.g. "64 MiB"; ${ACCEPTED})`);
  }
  const [, sign, digits, exponent, unit] = m;
  const factor = unit === "" ? 1 : UNITS[unit];
  if (factor === undefined) {
    throw new SyntaxError(`Cannot parse size "${input}": unknown unit "${unit}" (${hint(unit)}${ACCEPTED})`);
  }
  const value = Number(`${sign}${digits}${exponent === undefined ? "" : `e${exponent}`}`);
  return checkRange(value * factor, input);
}

function checkRange(bytes: number, input: string): number {
  if (!Number.isFinite(bytes)) {
    throw new RangeError(`Size "${input}" is not finite (write a number of bytes, e.g. "64 MiB")`);
  }
  if (bytes < 0) {
    throw new RangeError(`Size "${input}" is negative (a size is 0 or more bytes)`);
  }
  const rounded = Math.round(bytes) + 0; // + 0 turns -0 into 0
  if (rounded > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`Size "${input}" is too large (at most ${Number.MAX_SAFE_INTEGER} bytes, about 8 PiB)`);
  }
  return rounded;
}

/** For a unit that is wrong only by case or a missing letter, the units it may have meant. */
function hint(unit: string): string {
  if (/^(?:b|bytes?)$/i.test(unit)) return "did you mean B? ";
  const m = /^([kmgt])i?b?$/i.exec(unit);
  if (m === null) return "";
  const p = m[1].toUpperCase();
  return `did you mean ${p === "K" ? "kB" : `${p}B`} or ${p}iB? units are case-sensitive; `;
}

/** IEC units from KiB upwards; below 1 KiB sizes are printed as whole bytes. */
const IEC = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/**
 * Formats a number of bytes for people, in IEC units (powers of 1024).
 *
 * Convention: below 1 KiB, whole bytes (`512 B`); from 1 KiB up, always one decimal place
 * (`1.5 KiB`, `64.0 MiB`), so that columns line up and a value is never shown with more
 * precision than it has. The unit is chosen so that the number is below 1024 after rounding.
 * Negative values keep their sign (`-16.2 MiB`), for deltas and headroom.
 *
 * @throws {RangeError} when `n` is not a finite number.
 *
 * @example
 * ```ts
 * formatBytes(0);          // "0 B"
 * formatBytes(512);        // "512 B"
 * formatBytes(1536);       // "1.5 KiB"
 * formatBytes(64 * 2**20); // "64.0 MiB"
 * formatBytes(-17e6);      // "-16.2 MiB"
 * ```
 */
export function formatBytes(n: number): string {
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new RangeError(`Cannot format ${String(n)} as bytes: expected a finite number`);
  }
  const sign = n < 0 ? "-" : "";
  let value = Math.abs(n);
  if (Math.round(value) < 1024) return `${sign}${Math.round(value)} B`;
  let unit = 0;
  value /= 1024;
  // Promote when rounding to one decimal would print 1024.0 (e.g. 1 MiB − 1 byte).
  while (Math.round(value * 10) / 10 >= 1024 && unit < IEC.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${sign}${value.toFixed(1)} ${IEC[unit]}`;
}
