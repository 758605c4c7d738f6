/**
 * Results are written atomically: a writer killed with SIGKILL in the middle of writing a
 * large file leaves the previous file whole, never a truncated one.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileAtomic } from "../runner/report/files.ts";
import { ROOT } from "./helpers/cli.ts";

declare const Deno: { execPath(): string } | undefined;

test("a replaced file holds the new text whole", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-atomic-"));
  try {
    const file = join(dir, "r.json");
    writeFileSync(file, "old");
    writeFileAtomic(file, "new text");
    assert.is(readFileSync(file, "utf8"), "new text");
    assert.equal(readdirSync(dir), ["r.json"], "no temporary file left");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("SIGKILL during a 256 MiB write leaves the previous file intact", async () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-atomic-"));
  try {
    const file = join(dir, "baseline.json");
    const previous = JSON.stringify({ previous: true, cases: Array.from({ length: 1000 }, (_, i) => i) });
    writeFileSync(file, previous);
    const code = `const { writeFileAtomic } = await import(${JSON.stringify(`${ROOT}runner/report/files.ts`)});` +
      `const { writeSync } = await import("node:fs"); const text = "x".repeat(256 * 2 ** 20);` +
      `writeSync(1, "writing\\n"); writeFileAtomic(${JSON.stringify(file)}, text);`;
    const argv = typeof Deno !== "undefined" ? [Deno.execPath(), "eval", code] : [process.execPath, "-e", code];
    const child = spawn(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const started = await Promise.race([
      new Promise<boolean>((resolve) => child.stdout!.once("data", () => resolve(true))),
      exited.then(() => false),
    ]);
    assert.ok(started, "the writer ended before it started writing");
    // Kill it as soon as its temporary file appears (or after 30 ms, for a writer without
    // one): mid-write, well before 256 MiB can be written and flushed.
    for (let waited = 0; waited < 30 && !readdirSync(dir).some((f) => f.endsWith(".tmp")); waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    child.kill("SIGKILL");
    await exited;
    const now = readFileSync(file, "utf8");
    // Compared as a boolean: a diff of hundreds of MiB would take minutes to print.
    assert.ok(now === previous, `the previous file changed: it now holds ${now.length} bytes, not ${previous.length}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
