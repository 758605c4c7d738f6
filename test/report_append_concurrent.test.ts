/**
 * Appending to a results file from many processes at once (runner/report/append.ts): six
 * writers of 200 lines of 64 KiB each (more than a pipe's buffer, so a write could be split)
 * leave 1 200 whole lines, none lost, none interleaved, and no lock file.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";

declare const Deno: { execPath(): string } | undefined;

function run(args: string[]): Promise<number | null> {
  const lead = typeof Deno !== "undefined" ? [Deno.execPath(), "run", "-A"] : [process.execPath];
  return new Promise((resolve) => {
    const child = spawn(lead[0], [...lead.slice(1), `${ROOT}test/fixtures/append/append_many.ts`, ...args], { stdio: "inherit" });
    child.on("close", resolve);
  });
}

test("six writers, 1 200 lines of 64 KiB: every line whole, each once", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "memassert-append-"));
  const file = join(tmp, "results.jsonl");
  try {
    const codes = await Promise.all(Array.from({ length: 6 }, (_, w) => run([file, `w${w}`, "200", String(64 * 1024)])));
    assert.equal(codes, [0, 0, 0, 0, 0, 0]);
    const lines = readFileSync(file, "utf8").split("\n");
    assert.is(lines.pop(), "");
    assert.is(lines.length, 1200);
    const seen = new Set<string>();
    for (const line of lines) {
      const { writer, i, pad } = JSON.parse(line);
      assert.is(pad.length, 64 * 1024);
      seen.add(`${writer}:${i}`);
    }
    assert.is(seen.size, 1200);
    assert.not.ok(existsSync(`${file}.lock`), "the lock file was left behind");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
