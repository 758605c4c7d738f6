import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatBytes, parseBytes } from "../runner/budget/bytes.ts";

test("below 1 KiB: whole bytes", () => {
  assert.is(formatBytes(0), "0 B");
  assert.is(formatBytes(1), "1 B");
  assert.is(formatBytes(512), "512 B");
  assert.is(formatBytes(1023), "1023 B");
});

test("from 1 KiB: IEC units with one decimal", () => {
  assert.is(formatBytes(1024), "1.0 KiB");
  assert.is(formatBytes(1536), "1.5 KiB");
  assert.is(formatBytes(64 * 2 ** 20), "64.0 MiB");
  assert.is(formatBytes(256.3 * 2 ** 20), "256.3 MiB");
  assert.is(formatBytes(1.5 * 2 ** 30), "1.5 GiB");
  assert.is(formatBytes(2 ** 40), "1.0 TiB");
});

test("rounding never prints 1024.0 of a unit", () => {
  assert.is(formatBytes(2 ** 20 - 1), "1.0 MiB");
  assert.is(formatBytes(2 ** 30 - 1), "1.0 GiB");
  assert.is(formatBytes(1023.7), "1.0 KiB");
});

test("negative values keep their sign", () => {
  assert.is(formatBytes(-512), "-512 B");
  assert.is(formatBytes(-17e6), "-16.2 MiB");
});

test("formatting then parsing comes back within the printed precision", () => {
  for (const n of [1, 1000, 123456, 98765432, 5 * 2 ** 30]) {
    const back = parseBytes(formatBytes(n));
    assert.ok(Math.abs(back - n) <= n * 0.05, `${n} -> ${formatBytes(n)} -> ${back}`);
  }
});

test("a non-finite value is a RangeError", () => {
  assert.throws(() => formatBytes(Number.NaN), RangeError);
  assert.throws(() => formatBytes(Number.POSITIVE_INFINITY), RangeError);
});

test.run();
