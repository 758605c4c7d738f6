/**
 * memassert's own memory does not grow with the arguments of what it traces: each exec
 * image keeps at most 4 KiB of argv, what is cut replaced by a note of the full length.
 * 300 execs with a 120 KB argument each give a result of under 4 MB, not of 72 MB.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ARGV_KEPT, cutArgv } from "../runner/trace/procfs.ts";
import { runCli } from "./helpers/cli.ts";

test("cutArgv keeps short command lines whole and cuts long ones with a note", () => {
  assert.equal(cutArgv(["ls", "-l"]), ["ls", "-l"]);
  const long = cutArgv(["node", "x".repeat(120_000), "--flag"]);
  assert.is(long[0], "node");
  assert.ok(long.slice(0, -1).reduce((n, a) => n + a.length + 1, 0) <= ARGV_KEPT);
  assert.match(long[long.length - 1], /^…\(\d+ more bytes of argv, 120013 in all\)$/);
});

test("300 execs with a 120 KB argument: every argv cut, the result stays small", () => {
  const big = "y".repeat(120_000);
  const dir = mkdtempSync(join(tmpdir(), "memassert-argv-"));
  const out = join(dir, "r.json");
  const r = runCli(["run", `--json=${out}`, "--", "sh", "-c", 'for i in $(seq 300); do /bin/true "$BIG"; done'], {
    env: { BIG: big }, timeoutMs: 120_000,
  });
  assert.is(r.status, 0, r.stderr);
  const text = readFileSync(out, "utf8");
  rmSync(dir, { recursive: true, force: true });
  const result = JSON.parse(text);
  const trues = result.processes.filter((p: { argv: string[] }) => p.argv[0] === "/bin/true");
  assert.is(trues.length, 300);
  for (const p of trues) {
    assert.ok(p.argv.join(" ").length <= ARGV_KEPT + 64, `argv of ${p.pid} is ${p.argv.join(" ").length} chars`);
    assert.match(p.argv[p.argv.length - 1], /more bytes of argv, 120011 in all/);
  }
  // argv and images (which repeat it) of 300 processes at 4 KiB each: 2.4 MB; uncut, 72 MB.
  assert.ok(text.length < 4 * 2 ** 20, `result is ${text.length} bytes`);
});

test.run();
