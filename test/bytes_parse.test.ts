import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseBytes } from "../runner/budget/bytes.ts";

test("IEC units are powers of 1024, SI units powers of 1000", () => {
  assert.is(parseBytes("64 MiB"), 64 * 2 ** 20);
  assert.is(parseBytes("64 MB"), 64 * 10 ** 6);
  assert.is(parseBytes("1 KiB"), 1024);
  assert.is(parseBytes("2 GiB"), 2 * 2 ** 30);
  assert.is(parseBytes("1 TiB"), 2 ** 40);
  assert.is(parseBytes("3 kB"), 3000);
  assert.is(parseBytes("3 KB"), 3000);
  assert.is(parseBytes("2 GB"), 2e9);
  assert.is(parseBytes("1 TB"), 1e12);
  assert.is(parseBytes("17 B"), 17);
});

test("a bare number is bytes; the space is optional; blanks around are ignored", () => {
  assert.is(parseBytes("4096"), 4096);
  assert.is(parseBytes(4096), 4096);
  assert.is(parseBytes("64MiB"), 64 * 2 ** 20);
  assert.is(parseBytes("  64  MiB "), 64 * 2 ** 20);
  assert.is(parseBytes("0"), 0);
});

test("decimals are rounded to whole bytes", () => {
  assert.is(parseBytes("1.5 GiB"), 1.5 * 2 ** 30);
  assert.is(parseBytes("1.5 KiB"), 1536);
  assert.is(parseBytes("0.1 KiB"), 102);
  assert.is(parseBytes(".5 kB"), 500);
  assert.is(parseBytes(2.6), 3);
  assert.ok(Number.isInteger(parseBytes("1.1 MiB")));
});

test("an unknown unit is a SyntaxError naming the input and the accepted units", () => {
  assert.throws(() => parseBytes("64 MB B"), (e: Error) =>
    e instanceof SyntaxError &&
    e.message === 'Cannot parse size "64 MB B": unknown unit "MB B" (use B, KiB, MiB, GiB, TiB, kB, MB, GB, TB)');
  for (const bad of ["64 XB", "64 MiBs", "1 Mb", "", "   ", "MiB", "abc", "1,5 MiB", "0x10"]) {
    assert.throws(() => parseBytes(bad), (e: Error) =>
      e instanceof SyntaxError && e.message.includes(`"${bad}"`) && e.message.includes("KiB"), bad);
  }
});

test("units are case-sensitive, with a hint for a near miss", () => {
  for (const [bad, hint] of [["64 mb", "MB or MiB"], ["64m", "MB or MiB"], ["1 kib", "kB or KiB"], ["2 G", "GB or GiB"], ["5 bytes", "B?"]]) {
    assert.throws(() => parseBytes(bad), (e: Error) =>
      e instanceof SyntaxError && e.message.includes(`did you mean ${hint}`), bad);
  }
});

test("negative, non-finite and unsafe sizes are RangeErrors", () => {
  for (const bad of ["-1", "-1 MiB", -5, Number.NaN, Number.POSITIVE_INFINITY, "Infinity", "1e400", "9000 TiB"]) {
    assert.throws(() => parseBytes(bad as string | number), (e: Error) => e instanceof RangeError, String(bad));
  }
});

test.run();
