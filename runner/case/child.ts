/**
 * What runs inside a case's own process: settle the heap, mark the start, run the one case,
 * mark the end, write the verdict. The tracer outside attributes the peak between the two
 * marks to the case. `memassert test` finds its case by position ({@link runCase}); the
 * plugins find theirs by key (runner/case/keyed.ts) and call {@link runMarked}.
 */
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { MARK } from "../trace/mark.ts";
import { describe, withoutOwnFrames } from "./describe.ts";
import { fullGc } from "./gc.ts";
import { heapInUse } from "./heap.ts";
import { countObjectTypes, grownTypes } from "./object_types.ts";
import { loadMarker } from "./marker.ts";
import { runAgain, warmUp } from "./plan.ts";
import { provideMemassertModule } from "./provide.ts";
import { resetRegistry } from "./registry.ts";
import type { CaseRequest, ChildVerdict } from "./request.ts";

export type { ChildVerdict } from "./request.ts";

/** What runs around a case, outside its marks (the uvu plugin's `setup` and `teardown`). */
export interface Around {
  setup?(): unknown;
  teardown?(): unknown;
}

/**
 * Runs `fn` between the start and end marks, after `setup`, the plan's warm-up runs and a full
 * GC; then a full GC and the settled mark, the plan's further runs, and `teardown`. Writes the
 * verdict to the request's `verdict` path.
 */
export async function runMarked(fn: () => unknown, request: Pick<CaseRequest, "verdict" | "plan">, around: Around = {}): Promise<void> {
  const verdictPath = request.verdict;
  const plan = request.plan ?? {};
  const marker = await loadMarker();
  try {
    await around.setup?.();
  } catch (err) {
    return writeVerdict(verdictPath, { error: `setup failed: ${withoutOwnFrames(describe(err))}` });
  }
  const failedWarmup = await warmUp(fn, plan.warmup ?? 0);
  if (failedWarmup !== undefined) return writeVerdict(verdictPath, { error: `a warm-up run failed: ${withoutOwnFrames(describe(failedWarmup))}` });
  const typesBefore = plan.types ? await countObjectTypes() : null;
  await fullGc();
  const before = heapInUse();
  marker.arm();
  let error: string | null = null;
  // The runtime is about to exit with the body still pending: nothing is left that could ever
  // settle its promise. (Under a top-level await Deno would end with an error of its own and
  // Bun would wait for ever: the entry points run without one.)
  const never = () => writeVerdict(verdictPath, { error: NEVER_SETTLED });
  process.once("beforeExit", never);
  marker.mark(MARK.CASE_START);
  try {
    await fn();
  } catch (err) {
    error = withoutOwnFrames(describe(err));
  } finally {
    process.off("beforeExit", never);
  }
  marker.mark(MARK.CASE_END);
  // What stays once garbage is gone, before teardown frees what setup made. From a new task:
  // JavaScriptCore scans the stack conservatively, and a stale pointer left there by the case
  // would keep its garbage alive.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fullGc();
  const after = heapInUse();
  marker.mark(MARK.CASE_SETTLED);
  let heapAfterRuns: (number | null)[] | undefined;
  if (error === null && (plan.leakRuns ?? 1) > 1) {
    const again = await runAgain(fn, plan.leakRuns!, marker);
    heapAfterRuns = again.heap;
    if (again.error !== undefined) error = `run ${again.heap.length + 2} of ${plan.leakRuns} failed: ${withoutOwnFrames(describe(again.error))}`;
  }
  const typesAfter = typesBefore ? await countObjectTypes() : null;
  try {
    await around.teardown?.();
  } catch (err) {
    error ??= `teardown failed: ${withoutOwnFrames(describe(err))}`;
  }
  writeVerdict(verdictPath, {
    error, heap: { before, after }, ...(heapAfterRuns ? { heapAfterRuns } : {}),
    ...(plan.types ? { types: typesBefore && typesAfter ? grownTypes(typesBefore, typesAfter) : null } : {}),
  });
}

/** The failure of a case whose promise can never settle. */
export const NEVER_SETTLED = "its promise never settled: the case awaited something that nothing left running " +
  "(no timer, I/O or other pending work) could resolve or reject, so its process ran out of things to do";

/** Writes a verdict without running anything: the case could not be found. */
export function writeVerdict(verdictPath: string, verdict: ChildVerdict): void {
  writeFileSync(verdictPath, JSON.stringify(verdict));
}

/** `memassert test`: runs case `request.index` of `request.file`, whose name must be `request.name`. */
export async function runCase(request: CaseRequest): Promise<void> {
  // Before the file: it takes the marks' token out of the environment.
  await loadMarker();
  await provideMemassertModule();
  const reg = resetRegistry(request.file);
  await import(pathToFileURL(request.file).href);
  const c = reg.cases[request.index ?? -1];
  if (c === undefined || c.name !== request.name) {
    const name = request.name.length > 200 ? `${request.name.slice(0, 200)}…` : request.name;
    throw new Error(`${request.file} changed while running: case ${request.index} is no longer ${JSON.stringify(name)}`);
  }
  await runMarked(c.fn, request);
}
