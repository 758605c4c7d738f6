/**
 * `memassert test -u` killed with SIGKILL while it writes the baseline leaves the previous
 * baseline whole (it is written to a temporary file, flushed, then renamed over the old one),
 * and the next run reads it without complaint. A large baseline (entries of other test files,
 * which -u keeps) makes the write last long enough to be caught in the middle.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import pkg from "../package.json" with { type: "json" };
import { cliCommand, ROOT } from "./helpers/cli.ts";
import { ID_A, inTemp, KEEPS, testWith } from "./helpers/gate.ts";

/** A baseline with `n` entries of other files, and keeps A at 8 MiB (so that 40 MiB is a change to write). */
function bigBaseline(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => `    "other/file${String(i).padStart(6, "0")}.mem.ts › case with a long name to make the file large": {"peak": ${50e6 + i}, "growth": ${1e6 + i}}`);
  return `{\n  "format": "memassert baseline",\n  "version": 1,\n  "environment": {"memassert": "${pkg.version}", "runtime": null, "arch": "x86_64", "kernel": "x", "libc": null},\n` +
    `  "cases": {\n    "${ID_A}": {"peak": 52428800, "growth": 8388608},\n${lines.join(",\n")}\n  }\n}\n`;
}

/** Whether a temporary file with data in it is in `dir`. */
function writing(dir: string): boolean {
  return readdirSync(dir).some((f) => {
    try {
      return f.endsWith(".tmp") && statSync(join(dir, f)).size > 0;
    } catch {
      return false;
    }
  });
}

test("SIGKILL while -u writes the baseline leaves the previous one intact", () =>
  inTemp(async (dir) => {
    const baseline = join(dir, "baseline.json");
    const previous = bigBaseline(200_000);
    let caught = 0;
    for (let attempt = 0; attempt < 3 && caught === 0; attempt++) {
      writeFileSync(baseline, previous);
      const [exe, ...lead] = cliCommand();
      const child = spawn(exe, [...lead, "test", KEEPS, "-t", "keeps A", "--baseline", baseline, "-u", "--confirm", "0"], {
        cwd: ROOT, env: { ...process.env, MEMASSERT_FIXTURE_A: "40" }, stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      let done = false;
      exited.then(() => (done = true));
      // Kill it as soon as its temporary file has data: mid-write, before the rename. (An empty
      // one is the check, before the run, that the folder takes new files.)
      while (!done && !writing(dir)) await new Promise((r) => setTimeout(r, 1));
      child.kill("SIGKILL");
      await exited;
      const now = readFileSync(baseline, "utf8");
      if (now === previous) caught++;
      else assert.ok(now.endsWith("}\n") && JSON.parse(now).cases[ID_A].growth > 30 << 20, "the rename came first: the new baseline is whole");
    }
    assert.ok(caught > 0, "no kill landed during the write in 3 attempts");
    // The next run reads the previous baseline, whole, and sees the regression; the next -u
    // writes, and clears the temporary files the killed runs left.
    const r = testWith({ A: 40 }, [KEEPS, "-t", "keeps A", "--baseline", baseline, "--confirm", "0"], 1);
    assert.match(r.stdout, /1 regressed/);
    testWith({ A: 40 }, [KEEPS, "-t", "keeps A", "--baseline", baseline, "--confirm", "0", "-u"], 0);
    assert.equal(readdirSync(dir), ["baseline.json"]);
  }));

test.run();
