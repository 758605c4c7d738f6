/** bench/test_runner.ts: running the alternatives, and the cells of their figures. */
import { readFileSync, rmSync } from "node:fs";
import {
  cellOf, exitZero, failure, median, memassertRun, pickMedian, ROOT, timed as timedWith,
  type CellBase, type Run as BaseRun, type Timed,
} from "../lib.ts";
import type { Env } from "./setup.ts";

/** One timed run and what was read from it. */
export interface Run extends BaseRun {
  /** The work's own time, from alloc1g.mem.ts. */
  workMs?: number;
  /** Bytes the work allocated (heap growth of one batch × batches; rough). */
  workBytes?: number;
  /** From `memassert run --json`: stops, wallMs (spawn to reap), root peak. */
  stops?: number;
  wallMs?: number;
  peak?: number;
  /** From `memassert test --reporter json`: each case's process, spawn to reap (the tracer's wallMs), in run order. */
  caseWallMs?: number[];
  /** The runner's time for each case (temp dir, tracing, process, verdict), in run order. */
  caseRunnerMs?: number[];
}
export interface Cell extends CellBase<Run> {
  work: number | null; workMin: number | null; stops: number | null; wallMs: number | null; peak: number | null;
  /** Medians over the runs' cases, the first case of each run apart (it may wait for its tracer thread, started while the file loads). */
  caseWallMs: number | null; caseRunnerMs: number | null; firstCaseWallMs: number | null; firstCaseRunnerMs: number | null;
}

function cell(runs: Run[]): Cell {
  return cellOf(runs, (ok) => {
    const works = ok.map((r) => r.workMs).filter((x): x is number => x !== undefined);
    return {
      work: median(works),
      workMin: works.length ? Math.min(...works) : null,
      stops: pickMedian(ok, (r) => r.stops),
      wallMs: pickMedian(ok, (r) => r.wallMs),
      peak: pickMedian(ok, (r) => r.peak),
      caseWallMs: median(ok.flatMap((r) => r.caseWallMs?.slice(1) ?? [])),
      caseRunnerMs: median(ok.flatMap((r) => r.caseRunnerMs?.slice(1) ?? [])),
      firstCaseWallMs: pickMedian(ok, (r) => r.caseWallMs?.[0]),
      firstCaseRunnerMs: pickMedian(ok, (r) => r.caseRunnerMs?.[0]),
    };
  });
}

function timed(cmd: string[], env: Env): Timed {
  return timedWith(cmd, { cwd: ROOT, env, stdin: "ignore", stdout: "pipe" });
}

/** A run of a plain command (exit 0 expected). */
export function plain(cmd: string[], env: Env): Run {
  return exitZero(timed(cmd, env));
}

/** `memassert test FILE -j JOBS --reporter json`; every one of `cases` must pass. */
export function memTest(memassert: string[], file: string, jobs: number, cases: number, env: Env): Run {
  const r = timed([...memassert, "test", file, "-j", String(jobs), "--reporter", "json"], env);
  let doc: { passed: number; results: { wallMs: number; runs: { wallMs: number }[] }[] };
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    return { ms: r.ms, ok: false, error: failure(r) };
  }
  if (r.code !== 0 || doc.passed !== cases) return { ms: r.ms, ok: false, error: `${doc.passed}/${cases} passed; ${failure(r)}` };
  // results come in the order cases finish: with -j 1, the order they ran
  return { ms: r.ms, ok: true, caseWallMs: doc.results.map((c) => c.runs[0].wallMs), caseRunnerMs: doc.results.map((c) => c.wallMs) };
}

/** `memassert run --mode MODE --json F -- CMD`. */
export function memRun(memassert: string[], mode: "exact" | "fast", cmd: string[], tmp: string, env: Env): Run {
  return memassertRun((c) => timed(c, env), memassert, ["--mode", mode], cmd, tmp);
}

/** Runs `cmd` `count` times, `parallel` at a time (Bun.spawn); the whole pool is timed. */
export async function pool(cmd: string[], count: number, parallel: number, env: Env): Promise<Run> {
  let next = 0, failed = 0;
  let firstError = "";
  const t0 = performance.now();
  const lane = async () => {
    while (next < count) {
      next++;
      const p = Bun.spawn({ cmd, cwd: ROOT, env, stdin: "ignore", stdout: "ignore", stderr: "pipe" });
      const code = await p.exited;
      if (code !== 0) {
        failed++;
        firstError ||= `exit ${code}: ${(await new Response(p.stderr).text()).trim().split("\n").slice(-1)[0]}`;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  const ms = performance.now() - t0;
  return failed ? { ms, ok: false, error: `${failed}/${count} processes failed: ${firstError}` } : { ms, ok: true };
}

/** Adds the work's own time (alloc1g.mem.ts writes it) to a run. */
export function withWork(run: Run, timesFile: string): Run {
  let lines: { ms: number; bytes: number }[] = [];
  try {
    lines = readFileSync(timesFile, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  } catch { /* no file: the case did not finish */ }
  rmSync(timesFile, { force: true });
  if (!run.ok) return run;
  if (lines.length !== 1) return { ...run, ok: false, error: `expected one time from the case, got ${lines.length}` };
  return { ...run, workMs: lines[0].ms, workBytes: lines[0].bytes || undefined };
}

/** Every cell measured, for the list of failures at the end. */
export const allCells: { label: string; cell: Cell }[] = [];

/**
 * Runs each alternative `n` times, interleaved (a, b, c, a, b, c, …) after one
 * untimed warm-up run of each, so that slow spells of a noisy VM hit all alike.
 */
export async function interleave<K extends string>(alts: Record<K, () => Run | Promise<Run>>, n: number, label: string): Promise<Record<K, Cell>> {
  const keys = Object.keys(alts) as K[];
  const runs = Object.fromEntries(keys.map((k) => [k, [] as Run[]])) as Record<K, Run[]>;
  process.stderr.write(`${label}: warm-up…`);
  for (const k of keys) await alts[k]();
  for (let i = 0; i < n; i++) {
    process.stderr.write(` ${i + 1}/${n}`);
    for (const k of keys) runs[k].push(await alts[k]());
  }
  process.stderr.write("\n");
  const cells = Object.fromEntries(keys.map((k) => [k, cell(runs[k])])) as Record<K, Cell>;
  for (const k of keys) allCells.push({ label: `${label.replace(/ \(.*/, "")} / ${k}`, cell: cells[k] });
  return cells;
}

// ---- reporting --------------------------------------------------------------

export const fmtPct = (x: number | null) => (x === null ? "—" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`);
export const fmtMiB = (b: number | null) => (b === null ? "—" : `${(b / 2 ** 20).toFixed(1)} MiB`);
export const sub = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
export const strip = (c: Cell) => ({ ...c, runsMs: c.runs.map((r) => +r.ms.toFixed(3)), workRunsMs: c.runs.map((r) => r.workMs ?? null), runs: undefined });
/** Every cell of a section, stripped, for the JSON document. */
export const stripAll = (r: Record<string, Cell>) => Object.fromEntries(Object.entries(r).map(([k, c]) => [k, strip(c)]));
