/**
 * The Bun plugin in a case's process, which is `bun test FILE -t TOKEN` started by the test
 * process: the test file loads again, every `memtest` in it is offered to the lookup, and
 * the one the request names is registered as the only test the pattern TOKEN selects.
 */
import { test } from "bun:test";
import { runMarked, writeVerdict } from "../../runner/case/child.ts";
import type { CaseKey } from "../../runner/case/key.ts";
import { currentLookup, type Lookup, offer, outcome, startLookup } from "../../runner/case/keyed.ts";
import { readRequest } from "../../runner/case/request.ts";
import type { MemtestFn } from "../common/declare.ts";

/** Marks the requests of this plugin's case processes. */
export const FRONT = "bun";

/** The lookup of this process when it is a case's process of this plugin; null in a test process. */
export const lookup: Lookup | null = (() => {
  const request = readRequest();
  if (request === null || request.extra?.front !== FRONT) return null;
  const l = currentLookup() ?? startLookup(request);
  let ran = false;
  (l as Lookup & { ran?: () => void }).ran = () => ran = true;
  // A case that never ran (not declared again, or skipped by something in the file) still gets
  // a verdict that says why.
  process.on("exit", () => {
    if (ran) return;
    const found = outcome(l);
    writeVerdict(request.verdict, {
      error: "error" in found ? found.error : "bun test did not run the case in its process (a test.only elsewhere in the file?)",
    });
  });
  return l;
})();

/** In a case's process: offers a declaration, registering the test that runs it when it is the one. */
export function offerHere(key: CaseKey, fn: MemtestFn): void {
  const l = lookup!;
  if (!offer(key, { fn }) || l.found.length !== 1) return;
  // The test process's tracer ends the case at its timeout; this one must not end it first.
  test(String(l.request.extra?.token), async () => {
    (l as Lookup & { ran?: () => void }).ran?.();
    const found = outcome(l);
    if ("error" in found) writeVerdict(l.request.verdict, { error: found.error });
    else await runMarked(found.fn, l.request.verdict);
  }, { timeout: 86_400_000 });
}
