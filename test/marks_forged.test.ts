/**
 * A traced program cannot forge memassert's marks: under `memassert run`, where nothing is
 * armed for marks, 20 000 madvise calls with the marks' advice (case start and end, questions
 * about a subtree) are ignored: no crash, no file written, no marks in the result, and the
 * result stays small. In a test case, only the case's own process, with its token, marks:
 * a command the case runs that forges marks changes nothing of the case's figures.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileFixture } from "./helpers/compile.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

test("memassert run ignores forged marks and writes nothing", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-forge-"));
  try {
    const r = runCli(["run", "--json", "-", "--", compileFixture("forge_marks"), "10000"], { cwd: dir, timeoutMs: 120_000 });
    assert.is(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.is(result.marks, undefined, "no mark was counted");
    assert.ok(r.stdout.length < 64 * 1024, `the result stays small: ${r.stdout.length} bytes`);
    assert.equal(readdirSync(dir), [], "nothing was written where it ran");
    assert.not.ok(existsSync(join(ROOT, "null")), "no answer folder named null");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a command run by a test case cannot forge the case's marks", () => {
  const file = join(ROOT, "test/fixtures/mem/forge/forge.mem.ts");
  const r = runCli(["test", "--reporter", "json", file], { env: { MEMASSERT_FIXTURE_FORGER: compileFixture("forge_marks") } });
  assert.is(r.status, 0, r.stderr + r.stdout);
  const [c] = JSON.parse(r.stdout).results;
  assert.ok(c.growth >= 32 * 2 ** 20, `growth ${c.growth} B: the case's own marks delimit it`);
  assert.is(c.runs.length, 1);
});

test.run();
