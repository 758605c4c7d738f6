import { memtest } from "memassert/deno";
import { indexBy, makeCsv, parseCsv } from "../src/csv.ts";

const text = makeCsv(10_000);

// An ordinary test and memory cases side by side; each memtest runs alone in a traced process.
Deno.test("parses every row", () => {
  if (parseCsv(text).length !== 10_000) throw new Error("wrong row count");
});

memtest("parse 10k rows", { growth: "16 MiB" }, () => {
  if (parseCsv(text).length !== 10_000) throw new Error("wrong row count");
});

// The options-object form, as Deno.test has it.
memtest({
  name: "index 20k rows",
  growth: "32 MiB",
  fn: () => {
    if (indexBy(parseCsv(makeCsv(20_000)), "id").size !== 20_000) throw new Error("wrong size");
  },
});
