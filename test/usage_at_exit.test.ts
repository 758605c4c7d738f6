/**
 * CPU time, page faults, context switches and block I/O of each process, read at its exit
 * stop, against what the program's own getrusage(RUSAGE_SELF) said just before it exited
 * (usage_truth.c). Its own figures already count the stops memassert made it take (each a
 * voluntary switch); memassert's leave them out.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { ROOT, runCli } from "./helpers/cli.ts";
import { runFixture } from "./helpers/truth.ts";

// On the repository's disk, not a tmpfs: the fixture's fsync'd writes must reach storage.
mkdirSync(join(ROOT, ".cache"), { recursive: true });
const disk = mkdtempSync(join(ROOT, ".cache", "usage-"));

test("a process's CPU, faults, switches and writes are its own getrusage's, read at its exit", async () => {
  const { r, t } = await runFixture("usage_truth", [disk]);
  assert.is(r.exitCode, 0);
  const u = r.processes[0].usage;
  assert.ok(u !== null, "usage read at the exit stop");
  const cpu = u.userMs + u.systemMs, own = (t.utime_us + t.stime_us) / 1000;
  // Read later than the program's own call (after it wrote its truths): never less, barely more.
  assert.ok(cpu >= own - 0.5 && cpu <= own + 5, `cpu ${cpu} ms, its own getrusage ${own} ms`);
  assert.ok(u.userMs > 0 && u.systemMs > 0, `a loop in user mode and 200k syscalls: user ${u.userMs}, system ${u.systemMs}`);
  assert.ok(u.minorFaults >= t.minflt && u.minorFaults <= t.minflt + 16, `minor faults ${u.minorFaults}, its own ${t.minflt}`);
  assert.ok(u.minorFaults >= 16384, "64 MiB touched is 16384 faults at least");
  assert.is(u.majorFaults, t.majflt);
  // The scheduler's doing, so load decides them; its own count also holds the spawn's, before
  // its exec, which memassert leaves out. Nothing of memassert's is added.
  assert.ok(u.involuntarySwitches <= t.nivcsw + 20, `involuntary ${u.involuntarySwitches}, its own ${t.nivcsw}`);
  // Ten sleeps and an fsync are its own; the stops memassert made it take are not.
  assert.ok(u.voluntarySwitches >= 10 && u.voluntarySwitches < t.nvcsw, `voluntary ${u.voluntarySwitches}, its own (with the stops) ${t.nvcsw}`);
  assert.ok(u.writeBytes >= 4 * 2 ** 20, `4 MiB written and fsync'd: ${u.writeBytes} B`);
  assert.ok(u.writeBytes >= t.oublock * 512 && u.writeBytes <= t.oublock * 512 + 65536, `written ${u.writeBytes} B, its own ${t.oublock} blocks of 512`);
  assert.equal(r.tree.usage, u, "a one-process tree uses what its process does");
});

test("each process of a tree has its own figures, and the tree their sum", async () => {
  const prog = compileFixture("usage_truth");
  const r = await measure(["sh", "-c", `"$0" /dev/null "$1" && "$0" /dev/null "$1"`, prog, disk], { stdout: "ignore" });
  assert.is(r.exitCode, 0);
  const fixtures = r.processes.filter((p) => p.argv[0] === prog);
  assert.is(fixtures.length, 2);
  for (const p of fixtures) assert.ok(p.usage !== null && p.usage.minorFaults >= 16384, JSON.stringify(p.usage));
  const shell = r.processes.find((p) => p.pid === r.root.pid)!;
  assert.ok(shell.usage !== null && shell.usage.minorFaults < 16384, "the shell's figures leave out its children's");
  const sum = (k: "minorFaults" | "writeBytes") => r.processes.reduce((n, p) => n + (p.usage?.[k] ?? 0), 0);
  assert.is(r.tree.usage.minorFaults, sum("minorFaults"));
  assert.is(r.tree.usage.writeBytes, sum("writeBytes"));
});

test("--tree and the summary show them, for a tree whose root is killed too", () => {
  const prog = compileFixture("usage_truth");
  const run = runCli(["run", "--tree", "--json=-", "--", "sh", "-c", `"$0" /dev/null "$1"; kill -9 $$`, prog, disk]);
  assert.is(run.status, 137, run.stderr);
  const r = JSON.parse(run.stdout);
  const lines = run.stderr.trim().split("\n");
  const faults = r.tree.usage.minorFaults;
  assert.match(lines[1], new RegExp(`^memassert: cpu .* user, .* system  faults ${faults} minor, \\d+ major  switches \\d+ voluntary, \\d+ involuntary  I/O .* read, .* written$`));
  const row = lines.find((l) => l.includes("└─"))!;
  const fixture = r.processes.find((p: { argv: string[] }) => p.argv[0] === prog);
  assert.match(row, new RegExp(`\\s${fixture.usage.minorFaults}\\s+0\\s+\\d+\\s+\\d+\\s`));
});

test.after(() => rmSync(disk, { recursive: true, force: true }));

test.run();
