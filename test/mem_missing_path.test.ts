/**
 * `memassert test` with nothing to run: a path that does not exist is a usage error (exit 2,
 * one line naming it); a directory without test files fails (exit 1, saying no test was
 * found), unless `--pass-with-no-tests` allows it (exit 0).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";

test("a missing path exits 2 with one line naming it", () => {
  const missing = "test/fixtures/mem/no-such-dir";
  const r = runCli(["test", "test/fixtures/mem/growth/nothing.mem.ts", missing]);
  assert.is(r.status, 2, r.stderr + r.stdout);
  assert.is(r.stderr, `memassert: no such file or directory: ${missing}\n`);
  assert.is(r.stdout, "", "no case ran");
});

test("a glob matching nothing exits 2 with one line naming it", () => {
  const glob = "test/fixtures/mem/no-such-dir/**/*.mem.ts";
  const r = runCli(["test", glob]);
  assert.is(r.status, 2, r.stderr + r.stdout);
  assert.is(r.stderr, `memassert: no file matches ${glob}\n`);
});

test("a directory without test files exits 1, or 0 with --pass-with-no-tests", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-empty-"));
  try {
    // Files that are not test files: only *.mem.ts (and .mts, .js, .mjs) are.
    writeFileSync(join(dir, "util.ts"), "export const x = 1;\n");
    writeFileSync(join(dir, "thing.test.ts"), "throw new Error('not a memassert test file');\n");
    const none = runCli(["test", dir]);
    assert.is(none.status, 1, none.stderr + none.stdout);
    assert.match(none.stderr, `memassert: no test found in ${dir} `);
    assert.match(none.stderr, "--pass-with-no-tests");
    assert.is(none.stderr.trimEnd().split("\n").length, 1, none.stderr);

    const allowed = runCli(["test", dir, "--pass-with-no-tests"]);
    assert.is(allowed.status, 0, allowed.stderr + allowed.stdout);
    assert.is(allowed.stderr, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
