import { test } from "uvu";
import * as assert from "uvu/assert";
import type { MeasureResult, ProcessResult } from "../runner/measure/result.ts";
import { formatSummary, formatTree } from "../runner/report/summary.ts";

const MiB = 2 ** 20;
const NO_USAGE = { userMs: 0, systemMs: 0, minorFaults: 0, majorFaults: 0, voluntarySwitches: 0, involuntarySwitches: 0, readBytes: 0, writeBytes: 0 };

function proc(pid: number, ppid: number, argv: string[], peakRss: number, end: Partial<ProcessResult> = {}): ProcessResult {
  return {
    pid, ppid, argv, images: [argv], exitCode: 0, signal: null,
    peakRss, peakPss: peakRss - MiB, atPeak: { anon: peakRss / 2, file: peakRss / 4, shmem: peakRss / 4 },
    startMs: pid - 100, endMs: 1000, usage: null, ...end,
  };
}

function result(over: Partial<MeasureResult> = {}): MeasureResult {
  return {
    version: 1,
    argv: ["sh", "-c", "node a.js & node b.js; wait"],
    exitCode: 0,
    signal: null,
    wallMs: 1240,
    mode: "exact",
    approximate: null,
    interrupted: null,
    root: { pid: 100, peakRss: Math.round(256.3 * MiB), peakPss: 250 * MiB },
    tree: { peakRss: Math.round(257.1 * MiB), peakPss: Math.round(256.9 * MiB), processes: 3, usage: NO_USAGE },
    processes: [
      proc(100, 0, ["sh", "-c", "node a.js & node b.js; wait"], 3.5 * MiB),
      proc(102, 100, ["node", "b.js"], 51 * MiB, { exitCode: null, signal: "SIGKILL" }),
      proc(101, 100, ["node", "a.js"], Math.round(48.2 * MiB)),
      proc(103, 101, ["cat", "x".repeat(200)], 1 * MiB, { exitCode: 3 }),
    ],
    stops: 1532,
    kernel: { release: "6.18.0", rss: "exact", by: "version" },
    ...over,
  };
}

test("the summary is one line with root peak, tree RSS and PSS, processes, time and mode", () => {
  assert.is(
    formatSummary(result()),
    "memassert: peak 256.3 MiB (root)  tree 257.1 MiB RSS / 256.9 MiB PSS  3 processes  1.24 s  exact",
  );
});

test("the summary says how the root ended when it did not exit 0", () => {
  assert.ok(formatSummary(result({ exitCode: 3 })).endsWith("  exact  exit 3"));
  assert.ok(formatSummary(result({ exitCode: null, signal: "SIGKILL" })).endsWith("  exact  SIGKILL"));
  assert.ok(formatSummary(result({ tree: { peakRss: 1, peakPss: 1, processes: 1, usage: NO_USAGE } })).includes("  1 process  "));
});

test("approximate figures get a note with the reason and the fix", () => {
  const fast = formatSummary(result({ mode: "fast", approximate: "VmHWM under-counts freed memory" })).split("\n");
  assert.is(fast.length, 2);
  assert.is(fast[1], "memassert: approximate: VmHWM under-counts freed memory (use --mode exact for exact peaks)");
  const sample = formatSummary(result({ mode: "sample", approximate: "" })).split("\n");
  assert.match(sample[1], /sampled.*may miss short peaks/);
});

test("an interrupted run says so", () => {
  const lines = formatSummary(result({ interrupted: "SIGINT" })).split("\n");
  assert.is(lines.length, 2);
  assert.is(lines[1], "memassert: interrupted (SIGINT): figures cover the run until then");
});

test("colour only when asked for", () => {
  assert.not.match(formatSummary(result({ interrupted: "SIGINT" })), /\x1b\[/);
  assert.match(formatSummary(result({ interrupted: "SIGINT" }), { color: true }), /\x1b\[1m256\.3 MiB\x1b\[0m/);
});

test("the tree lists every process under its parent, in start order, with a header", () => {
  const lines = formatTree(result()).split("\n");
  assert.is(lines.length, 5);
  assert.match(lines[0], /^\s*PID\s+PPID\s+PEAK RSS\s+PEAK PSS\s+ANON\s+FILE\s+SHMEM\s+USER\s+SYS\s+MINFLT\s+MAJFLT\s+VCSW\s+IVCSW\s+READ\s+WRITE\s+EXIT\s+COMMAND$/);
  assert.match(lines[1], /^\s*100\s+0\s+3\.5 MiB\s+2\.5 MiB\s+1\.8 MiB\s+896\.0 KiB\s+896\.0 KiB(\s+-){8}\s+exit 0\s+sh -c 'node a\.js & node b\.js; wait'$/);
  assert.match(lines[2], /^\s*101\s+100\s+48\.2 MiB .* exit 0 +└─ node a\.js$/);
  assert.match(lines[3], /^\s*103\s+101\s+.* exit 3 + {3}└─ cat x+…$/);
  assert.match(lines[4], /^\s*102\s+100\s+51\.0 MiB .* SIGKILL +└─ node b\.js$/);
});

const USAGE = { userMs: 146.6, systemMs: 6.4, minorFaults: 2115, majorFaults: 1, voluntarySwitches: 3, involuntarySwitches: 7, readBytes: 4096, writeBytes: 4 * MiB };

test("a second line gives the tree's CPU, faults, switches and block I/O, when any process had usage", () => {
  const r = result({ tree: { peakRss: 1, peakPss: 1, processes: 4, usage: USAGE } });
  r.processes[1] = { ...r.processes[1], usage: USAGE };
  const lines = formatSummary(r).split("\n");
  assert.is(lines.length, 2);
  assert.is(lines[1], "memassert: cpu 147 ms user, 6.4 ms system  faults 2115 minor, 1 major  switches 3 voluntary, 7 involuntary  I/O 4.0 KiB read, 4.0 MiB written");
  assert.is(formatSummary(result()).split("\n").length, 1, "none had usage (sample mode)");
});

test("the tree gives each process's usage in columns", () => {
  const r = result();
  r.processes[2] = { ...r.processes[2], usage: USAGE };
  const lines = formatTree(r).split("\n");
  assert.match(lines[2], /^\s*101\s+100\s+48\.2 MiB .* 147 ms\s+6\.4 ms\s+2115\s+1\s+3\s+7\s+4\.0 KiB\s+4\.0 MiB\s+exit 0 +└─ node a\.js$/);
});

test("columns line up and long command lines are cut", () => {
  const lines = formatTree(result(), { argvWidth: 30 }).split("\n");
  const at = lines[0].indexOf("COMMAND");
  for (const line of lines.slice(1)) {
    assert.is(line.length - at <= 30, true, line);
    assert.match(line.slice(0, at), /(exit \d+|SIG[A-Z]+) +$/);
  }
});

test.run();
