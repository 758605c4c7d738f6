/**
 * `memassert run --attach PID` on a C program that is already running: what it allocates
 * after the attach is its peak, the children it starts are followed, and on Ctrl-C memassert
 * detaches and leaves it running, stopped by nothing and traced by no one.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../runner/cli/io.ts";
import { cliCommand, ROOT, runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";
import { MiB, near, ROOT_TOLERANCE } from "./helpers/truth.ts";

const dir = mkdtempSync(join(tmpdir(), "memassert-attach-"));
const prog = compileFixture("attach_target");

/** The fixture, running, with a way to send it a line and wait for its answer. */
function target(truth: string) {
  const child = spawn(prog, [join(dir, truth)], { stdio: ["pipe", "pipe", "inherit"] });
  let seen = "";
  const waiters: (() => void)[] = [];
  child.stdout!.on("data", (d) => {
    seen += d;
    waiters.splice(0).forEach((w) => w());
  });
  const answered = (word: string, count: number) => new Promise<void>((resolve) => {
    const check = () => (seen.split(word).length - 1 >= count ? resolve() : waiters.push(check));
    check();
  });
  let asked = 0;
  return {
    child,
    ready: answered("ready", 1),
    ask: async (line: string) => {
      child.stdin!.write(`${line}\n`);
      await answered("done", ++asked);
    },
    ended: new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code))),
  };
}

function status(pid: number): Record<string, string> {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  return Object.fromEntries(text.trim().split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]));
}

/** memassert run --attach PID, running; resolves with its status and output when it ends. */
function attachCli(pid: number, args: string[]): { cli: ChildProcess; done: Promise<{ status: number | null; stderr: string }> } {
  const [exe, ...lead] = cliCommand();
  const cli = spawn(exe, [...lead, "run", "--attach", String(pid), ...args], { cwd: ROOT, stdio: ["ignore", "inherit", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  cli.stderr!.on("data", (d) => (stderr += d));
  return { cli, done: new Promise((resolve) => cli.on("exit", (code) => resolve({ status: code, stderr }))) };
}

async function attached(pid: number): Promise<void> {
  for (let i = 0; i < 400 && status(pid).TracerPid === "0"; i++) await new Promise((r) => setTimeout(r, 25));
  assert.is.not(status(pid).TracerPid, "0", "memassert attached");
  // The first stop of every thread, to start the syscall stops, follows the attach at once.
  await new Promise((r) => setTimeout(r, 100));
}

test("allocations after the attach are its peak; its child is followed; Ctrl-C detaches and leaves it running", async () => {
  const t = target("peaks");
  await t.ready;
  const json = join(dir, "attached.json");
  const { cli, done } = attachCli(t.child.pid!, [`--json=${json}`, "--tree"]);
  await attached(t.child.pid!);
  await t.ask("alloc 64");
  await t.ask("child 32");
  process.kill(cli.pid!, "SIGINT"); // what Ctrl-C does
  const { status: code, stderr } = await done;
  assert.is(code, EXIT.ok, stderr);
  const r = JSON.parse(readFileSync(json, "utf8"));
  const [peak] = readFileSync(join(dir, "peaks"), "utf8").trim().split("\n").map((l) => Number(l.split(" ")[1]));
  assert.ok(peak > 64 * MiB);
  near(r.root.peakRss, peak, ROOT_TOLERANCE, "the peak of what it allocated after the attach");
  assert.equal([r.mode, r.interrupted, r.root.pid], ["attach", "SIGINT", t.child.pid]);
  assert.match(r.approximate, /PTRACE_SYSCALL/);
  const child = r.processes.find((p: { ppid: number }) => p.ppid === t.child.pid);
  assert.ok(child && child.peakRss >= 32 * MiB, "the child it started after the attach, with its own peak");
  assert.is(child.exitCode, 0);
  assert.ok(r.processes[0].usage !== null && r.processes[0].usage.minorFaults >= 16384, "its usage until the detach: 64 MiB touched");
  assert.match(stderr, /^memassert: peak 6\d\.\d MiB \(root\) .* attach {2}running\nmemassert: approximate: attached to process \d+ while it ran: .*\nmemassert: detached \(SIGINT\): process \d+ runs on/);
  assert.match(stderr, /\n\s*\d+\s+0\s+6\d\.\d MiB .* running {2}\/.*attach_target/, "the tree says the root runs on");
  // Nothing left stopped or traced: it goes on answering.
  const after = status(t.child.pid!);
  assert.is(after.TracerPid, "0");
  assert.match(after.State, /^[SR] /, `state ${after.State}`);
  await t.ask("alloc 1");
  t.child.stdin!.end("exit\n");
  assert.is(await t.ended, 0);
});

test("a process that exits while attached ends the measurement with its exit status and usage", async () => {
  const t = target("exits");
  await t.ready;
  const json = join(dir, "exits.json");
  const { done } = attachCli(t.child.pid!, [`--json=${json}`]);
  await attached(t.child.pid!);
  await t.ask("alloc 16");
  t.child.stdin!.end("exit\n");
  const { status: code, stderr } = await done;
  assert.is(code, 0, stderr);
  const r = JSON.parse(readFileSync(json, "utf8"));
  assert.equal([r.interrupted, r.exitCode], [null, 0]);
  assert.ok(r.root.peakRss > 16 * MiB);
  assert.ok(r.processes[0].usage !== null && r.processes[0].usage.minorFaults >= 4096, "its usage, read at its exit");
  assert.is(await t.ended, 0);
});

test("--attach with a command, with --runs, or to no process is a usage error", () => {
  for (const [args, message] of [
    [["--attach", "1", "--", "true"], /--attach 1 measures a running process: give no command/],
    [["--attach", String(process.pid), "--runs", "2"], /--runs does not apply to --attach/],
    [["--attach", "999999999"], /--attach 999999999: no process 999999999/],
    [["--attach", "x"], /--attach x: NaN is not a process id/],
  ] as const) {
    const r = runCli(["run", ...args]);
    assert.is(r.status, EXIT.usage, r.stderr);
    assert.match(r.stderr, message);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
