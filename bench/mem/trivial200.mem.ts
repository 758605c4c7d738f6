/** Bench fixture (bench/test_runner.ts): 200 trivial cases; see one.mem.ts. */
import { test } from "../../mod.ts";

for (let i = 0; i < 200; i++) test(`trivial ${i}`, () => {});
