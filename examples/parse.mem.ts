import { defaults, test } from "memassert";
import { makeCsv, parseCsv } from "./src/csv.ts";

// Every case in this file: at most 128 MiB in all, and 16 MiB above where it started. Against
// the baseline, growth may move by 10 % and 2 MiB: these cases grow by about 2 MiB, which
// moves by up to ±1.5 MiB from run to run with how far the runtime's heap had settled.
defaults({ budget: "128 MiB", growth: "16 MiB", tolerance: { growth: "+10% 2MiB" } });

const text = makeCsv(10_000);
const json = JSON.stringify(parseCsv(text));

test("parse 10k rows of CSV", () => {
  const rows = parseCsv(text);
  if (rows.length !== 10_000) throw new Error(`expected 10000 rows, got ${rows.length}`);
});

test("parse 10k rows of JSON", () => {
  const rows = JSON.parse(json);
  if (rows[9_999].id !== "9999") throw new Error("last row is wrong");
});
