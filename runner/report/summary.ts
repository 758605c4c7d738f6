/**
 * Human-readable reports of a {@link MeasureResult}: the short summary printed on stderr after
 * `memassert run`, and the per-process table of `--tree`. Pure functions of the result.
 *
 * @module
 */

import { formatBytes } from "../budget/bytes.ts";
import type { MeasureResult, ProcessResult, Usage } from "../measure/result.ts";
import { paint, STYLE, visible } from "./text.ts";
import { sparkline } from "./sparkline.ts";

/** Options of {@link formatSummary}. */
export interface SummaryOptions {
  /** Emphasise figures and warnings with ANSI colours (for a terminal). Default false. */
  color?: boolean;
  /** Cells of a sparkline of the tree's RSS over time, on a line of its own (needs a timeline). Default none. */
  sparkline?: number;
}

/** What an approximate figure means in each mode, when the tracer gave no reason. */
const APPROXIMATE_DEFAULT: Readonly<Record<string, string>> = {
  fast: "VmHWM under-counts memory freed before the kernel synced its counters",
  sample: "RSS was sampled periodically and may miss short peaks",
};

/**
 * The summary of a run, for stderr: one line of memory figures, one line each when they are
 * approximate or the run was interrupted, and one of what the tree used besides memory (CPU,
 * page faults, context switches, block I/O: sums over its processes). Lines start with `memassert:` so they stand out
 * among the measured program's own output. Ends without a newline.
 *
 * @example
 * ```ts
 * formatSummary(result);
 * // memassert: peak 256.3 MiB (root)  tree 257.1 MiB RSS / 256.9 MiB PSS  3 processes  1.24 s  exact
 * // memassert: cpu 1.02 s user, 180 ms system  faults 66012 minor, 0 major  switches 12 voluntary, 40 involuntary  I/O 0 B read, 4.0 MiB written
 * formatSummary(withTimeline, { sparkline: 16 });
 * // memassert: peak 256.3 MiB (root)  tree 257.1 MiB RSS / 256.9 MiB PSS  3 processes  1.24 s  exact
 * // memassert: ▁▂▃▄▅▆▇█▂▁▁▁▁▁▁▁  peak at 0.71 s of 1.24 s
 * formatSummary(fastResult);
 * // memassert: peak 256.1 MiB (root)  tree 256.9 MiB RSS / 256.7 MiB PSS  3 processes  1.02 s  fast
 * // memassert: approximate: VmHWM under-counts … (use --mode exact for exact peaks)
 * ```
 */
export function formatSummary(r: MeasureResult, opts: SummaryOptions = {}): string {
  const n = r.tree.processes;
  const parts = [
    `peak ${paint(opts.color, STYLE.bold, formatBytes(r.root.peakRss))} (root)`,
    `tree ${formatBytes(r.tree.peakRss)} RSS / ${formatBytes(r.tree.peakPss)} PSS`,
    `${n} ${n === 1 ? "process" : "processes"}`,
    formatDuration(r.wallMs),
    r.mode,
  ];
  const end = endStatus(r.exitCode, r.signal, detached(r));
  if (end !== "exit 0") parts.push(end);
  const lines = [`memassert: ${parts.join("  ")}`];
  const spark = opts.sparkline && r.timeline ? sparkline(r.timeline, { width: opts.sparkline, color: opts.color }) : null;
  if (spark !== null) lines.push(`memassert: ${spark}  peak at ${formatDuration(r.timeline!.peakMs)} of ${formatDuration(r.wallMs)}`);
  if (r.approximate !== null) {
    const why = r.approximate || APPROXIMATE_DEFAULT[r.mode] || "some figures are estimates";
    const fix = r.mode === "fast" || r.mode === "sample" ? " (use --mode exact for exact peaks)" : "";
    lines.push(paint(opts.color, STYLE.yellow, `memassert: approximate: ${why}${fix}`));
  }
  if (r.interrupted !== null && r.mode === "attach") {
    lines.push(`memassert: detached (${r.interrupted}): process ${r.root.pid} runs on; figures cover the time it was attached`);
  } else if (r.interrupted !== null) {
    lines.push(paint(opts.color, STYLE.red, `memassert: interrupted (${r.interrupted}): figures cover the run until then`));
  }
  if (r.processes.some((p) => p.usage !== null)) lines.push(`memassert: ${formatUsage(r.tree.usage)}`);
  return lines.join("\n");
}

/**
 * A duration for people: milliseconds below one second, else seconds.
 *
 * @example
 * ```ts
 * formatDuration(7.25);  // "7.3 ms"
 * formatDuration(240);   // "240 ms"
 * formatDuration(1240);  // "1.24 s"
 * formatDuration(93500); // "93.5 s"
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * CPU time, page faults, context switches and block I/O on one line.
 *
 * @example
 * ```ts
 * formatUsage(result.tree.usage);
 * // "cpu 146.6 ms user, 6.4 ms system  faults 2115 minor, 0 major  switches 3 voluntary, 1 involuntary  I/O 0 B read, 4.0 MiB written"
 * ```
 */
export function formatUsage(u: Usage): string {
  return [
    `cpu ${formatDuration(u.userMs)} user, ${formatDuration(u.systemMs)} system`,
    `faults ${u.minorFaults} minor, ${u.majorFaults} major`,
    `switches ${u.voluntarySwitches} voluntary, ${u.involuntarySwitches} involuntary`,
    `I/O ${formatBytes(u.readBytes)} read, ${formatBytes(u.writeBytes)} written`,
  ].join("  ");
}

/** Whether memassert detached from a process it had attached to, which may run on. */
function detached(r: MeasureResult): boolean {
  return r.mode === "attach" && r.interrupted !== null;
}

/** "exit 3", "SIGKILL", "running" for a process detached from, or "exit ?" when the tracer could not tell. */
function endStatus(exitCode: number | null, signal: string | null, detached = false): string {
  if (signal !== null) return signal;
  if (exitCode === null && detached) return "running";
  return exitCode === null ? "exit ?" : `exit ${exitCode}`;
}

/** Options of {@link formatTree}. */
export interface TreeOptions {
  /** Longest command column before it is cut with "…". Default 60 characters. */
  argvWidth?: number;
}

const HEADERS = [
  "PID", "PPID", "PEAK RSS", "PEAK PSS", "ANON", "FILE", "SHMEM", "USER", "SYS", "MINFLT", "MAJFLT", "VCSW", "IVCSW", "READ", "WRITE",
  "EXIT", "COMMAND",
];
/** Columns aligned right (numbers); the last two are aligned left. */
const RIGHT = HEADERS.map((_, i) => i < HEADERS.length - 2);

/**
 * The per-process table printed by `--tree`: pid, parent pid, peak RSS and PSS, the
 * anon/file/shmem split of RSS at the moment of its peak, its user and system CPU time, minor
 * and major page faults, voluntary and involuntary context switches and bytes read from and
 * written to storage ("-" where unknown), how it ended, and its command line, indented under
 * its parent. Children are listed in the order they started.
 *
 * @example
 * ```ts
 * formatTree(result);
 * //   PID  PPID  PEAK RSS  PEAK PSS      ANON     FILE  SHMEM    USER     SYS  MINFLT  MAJFLT  VCSW  IVCSW  READ    WRITE  EXIT     COMMAND
 * // 41200     0   3.5 MiB   1.1 MiB   1.0 MiB  2.5 MiB    0 B  1.2 ms  0.9 ms     120       0     2      0   0 B      0 B  exit 0   sh -c 'node a.js & node b.js; wait'
 * // 41201 41200  48.2 MiB  47.0 MiB  44.0 MiB  4.2 MiB    0 B  212 ms   31 ms   11520       0    14      3   0 B  1.0 MiB  exit 0   └─ node a.js
 * // 41202 41200  51.0 MiB  49.6 MiB  46.5 MiB  4.5 MiB    0 B       -       -       -       -     -      -     -        -  SIGKILL  └─ node b.js
 * ```
 */
export function formatTree(r: MeasureResult, opts: TreeOptions = {}): string {
  const width = opts.argvWidth ?? 60;
  const rows = ordered(r.processes).map(({ p, depth }) => [
    String(p.pid),
    String(p.ppid),
    formatBytes(p.peakRss),
    formatBytes(p.peakPss),
    formatBytes(p.atPeak.anon),
    formatBytes(p.atPeak.file),
    formatBytes(p.atPeak.shmem),
    ...usageCells(p.usage),
    endStatus(p.exitCode, p.signal, detached(r)),
    truncate(`${depth > 0 ? `${"   ".repeat(depth - 1)}└─ ` : ""}${commandLine(p.argv)}`, width),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : RIGHT[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ");
  return [line(HEADERS), ...rows.map(line)].join("\n");
}

function usageCells(u: Usage | null): string[] {
  if (u === null) return Array(8).fill("-");
  return [
    formatDuration(u.userMs), formatDuration(u.systemMs), String(u.minorFaults), String(u.majorFaults),
    String(u.voluntarySwitches), String(u.involuntarySwitches), formatBytes(u.readBytes), formatBytes(u.writeBytes),
  ];
}

/** Depth-first from the root(s), children by start time; orphans of untraced parents are roots. */
export function ordered(processes: ProcessResult[]): { p: ProcessResult; depth: number }[] {
  const pids = new Set(processes.map((p) => p.pid));
  const byStart = [...processes].sort((a, b) => a.startMs - b.startMs || a.pid - b.pid);
  const children = new Map<number, ProcessResult[]>();
  const roots: ProcessResult[] = [];
  for (const p of byStart) {
    if (p.ppid !== p.pid && pids.has(p.ppid)) {
      const list = children.get(p.ppid) ?? [];
      list.push(p);
      children.set(p.ppid, list);
    } else {
      roots.push(p);
    }
  }
  const out: { p: ProcessResult; depth: number }[] = [];
  const seen = new Set<number>();
  const visit = (p: ProcessResult, depth: number) => {
    if (seen.has(p.pid)) return; // a reused pid must not loop forever
    seen.add(p.pid);
    out.push({ p, depth });
    for (const c of children.get(p.pid) ?? []) visit(c, depth + 1);
  };
  for (const p of roots) visit(p, 0);
  for (const p of byStart) visit(p, 0); // anything left in a cycle of reused pids
  return out;
}

/**
 * argv as a shell would need it typed, so that spaces inside arguments stay visible; control
 * characters are shown as escapes, never sent to the terminal.
 */
export function commandLine(argv: string[]): string {
  if (argv.length === 0) return "?";
  return visible(argv.map((a) => (a !== "" && /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" "));
}

/** `text`, cut to `width` characters with "…". */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
