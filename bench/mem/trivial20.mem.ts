/** Bench fixture (bench/test_runner.ts): 20 trivial cases; see one.mem.ts. */
import { test } from "../../mod.ts";

for (let i = 0; i < 20; i++) test(`trivial ${i}`, () => {});
