import { test } from "memassert";
import { indexBy, makeCsv, parseCsv } from "./src/csv.ts";

const rows = parseCsv(makeCsv(200_000));

// The rows are built as the file loads, and the garbage that leaves is handed back to the
// kernel lazily: the RSS this case starts from swings by ~20 MiB from run to run (Bun), and
// its growth with it, while its peak holds within a few percent. So its growth may move by
// 60 % against the baseline; the peak's 10 % + 1 MiB guards it.
test("index 200k rows in a Map", { growth: "96 MiB", runs: 3, tolerance: { growth: "+60%" } }, () => {
  const byEmail = indexBy(rows, "email");
  if (byEmail.size !== 200_000) throw new Error(`expected 200000 keys, got ${byEmail.size}`);
});
