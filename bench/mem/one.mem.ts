/**
 * Bench fixture (bench/test_runner.ts): one trivial case. It imports `test`
 * from the repository's mod.ts by relative path, so that `bun` or `deno run`
 * can load it untraced (it then only registers the case): the baseline.
 */
import { test } from "../../mod.ts";

test("trivial", () => {});
