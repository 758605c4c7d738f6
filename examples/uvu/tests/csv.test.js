import { suite, test } from "uvu";
import * as assert from "uvu/assert";
import { memtest } from "memassert/uvu";
import { indexBy, makeCsv, parseCsv } from "../csv.js";

// An ordinary test and memory cases side by side; each memtest runs alone in a traced process.
test("parses every row", () => {
  assert.is(parseCsv(makeCsv(1_000)).length, 1_000);
});

memtest("parse 10k rows", { growth: "32 MiB" }, () => {
  assert.is(parseCsv(makeCsv(10_000)).length, 10_000);
});

test.run();

// In a suite of its own; suite hooks do not run in the case's process: `setup` does, unmeasured.
const index = suite("index");

memtest(index, "index 20k rows", {
  growth: "32 MiB",
  setup: (context) => {
    context.rows = parseCsv(makeCsv(20_000));
  },
}, (context) => {
  assert.is(indexBy(context.rows, "id").size, 20_000);
});

index.run();
