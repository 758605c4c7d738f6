/**
 * The measured command gets the environment memassert was given, as it was: a variable
 * set for memassert reaches it, and a .env file in the current directory does not (the
 * compiled executable would otherwise load it, as Bun does for scripts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";

declare const Bun: unknown;

test("the command's environment is memassert's, without a .env of the directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-env-"));
  try {
    writeFileSync(join(dir, ".env"), "MEMASSERT_FROM_DOTENV=leaked\n");
    const r = runCli(["run", "--quiet", "--", "sh", "-c", 'echo "given=$MEMASSERT_GIVEN dotenv=$MEMASSERT_FROM_DOTENV"'], {
      cwd: dir, env: { MEMASSERT_GIVEN: "yes" },
    });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /^given=yes /);
    // `bun runner/bin.ts` is a Bun script: Bun itself loads the .env before memassert runs.
    const bunScript = typeof Bun !== "undefined" && process.env.MEMASSERT_CLI !== "binary";
    if (!bunScript) assert.is(r.stdout, "given=yes dotenv=\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an internal variable left set by a user changes nothing: run measures as usual", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-env-"));
  try {
    const r = runCli(["run", "--json", "-", "--", "sh", "-c", 'echo "answers=$MEMASSERT_ANSWER_DIR" >&2; head -c 20000000 /dev/zero | tail -c 1 >/dev/null'], {
      env: { MEMASSERT_ANSWER_DIR: dir },
    });
    assert.is(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.ok(result.tree.processes >= 3, "the tree was traced, not measured as a nested command");
    assert.match(r.stderr, /^answers=\n/, "the command does not see memassert's internal variable");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
