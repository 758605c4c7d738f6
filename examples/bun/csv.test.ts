import { describe, expect, test } from "bun:test";
import { measure } from "memassert";
import { memtest } from "memassert/bun";
import { indexBy, makeCsv, parseCsv } from "../src/csv.ts";

const text = makeCsv(10_000);

// Ordinary tests and memory cases side by side; each memtest runs alone in a traced process.
test("parses every row", () => {
  expect(parseCsv(text)).toHaveLength(10_000);
});

describe("csv", () => {
  memtest("parse 10k rows", { growth: "16 MiB" }, () => {
    if (parseCsv(text).length !== 10_000) throw new Error("wrong row count");
  });

  memtest.each([1_000, 20_000])("index %d rows", { growth: "32 MiB" }, (n) => {
    if (indexBy(parseCsv(makeCsv(n)), "id").size !== n) throw new Error("wrong size");
  });
});

// A command's own peak, checked with a matcher in an ordinary test.
test("sort a million lines", async () => {
  const r = await measure(["sh", "-c", "seq 1 1000000 | sort -r > /dev/null"]);
  expect(r).toTreePeakBelow("128 MiB");
}, 20_000);
