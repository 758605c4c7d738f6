import { test } from "uvu";
import { memtest } from "memassert/uvu";
import { indexBy, makeCsv, parseCsv } from "../csv.js";

// Fails on purpose, to show what a budget failure looks like in uvu: indexing 100k
// rows needs far more than the 4 MiB of growth this case allows.
memtest("index 100k rows within 4 MiB (fails on purpose)", { growth: "4 MiB" }, () => {
  const byId = indexBy(parseCsv(makeCsv(100_000)), "id");
  if (byId.size !== 100_000) throw new Error("wrong size");
});

test.run();
