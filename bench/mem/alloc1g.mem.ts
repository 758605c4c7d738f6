/**
 * Bench fixture (bench/test_runner.ts): one case that allocates ≥ 1 GiB in
 * small objects, in batches it then drops, so the GC allocates and frees it
 * all. It times only its own work with performance.now() and appends one
 * JSON line { ms, bytes, batches, runtime } to the file named by
 * MEMASSERT_BENCH_TIMES: memassert shows a case's output only when it fails,
 * and the variable reaches the traced child with the rest of the environment.
 *
 * `memassert test bench/mem/alloc1g.mem.ts` times the work traced;
 * `bun bench/mem/alloc1g.mem.ts` (or `deno run -A …`) runs the same function
 * untraced, because the file is then the main module.
 */
import { appendFileSync } from "node:fs";
import { test } from "../../mod.ts";

const BATCH = 50_000;
const BATCHES = Number(process.env.MEMASSERT_BENCH_BATCHES ?? 400);

/** One batch: BATCH small objects, each with a 4-element array; kept until the next batch. */
function batch(seed: number): unknown[] {
  const out: unknown[] = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) out[i] = { id: seed + i, next: null, v: [i, i + 1, i + 2, i + 3] };
  return out;
}

/** Heap bytes one batch holds, measured once before timing (a rough figure for the report). */
function bytesPerBatch(): number {
  const before = process.memoryUsage().heapUsed;
  const keep = batch(0);
  const after = process.memoryUsage().heapUsed;
  return keep.length ? Math.max(0, after - before) : 0;
}

function work(): void {
  const perBatch = bytesPerBatch();
  let live: unknown[] = [];
  let sum = 0;
  const t0 = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    live = batch(b * BATCH);
    sum += live.length;
  }
  const ms = performance.now() - t0;
  if (sum !== BATCHES * BATCH || live.length !== BATCH) throw new Error("wrong count");
  const runtime = (globalThis as { Deno?: unknown }).Deno ? "deno" : "bun";
  const line = JSON.stringify({ ms, bytes: perBatch * BATCHES, batches: BATCHES, runtime });
  const out = process.env.MEMASSERT_BENCH_TIMES;
  if (out) appendFileSync(out, line + "\n");
  else console.log(line);
}

test("allocate and free 1 GiB in small objects", { timeout: 120_000 }, work);

if (import.meta.main) work();
