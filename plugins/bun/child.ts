/**
 * The Bun plugin in a case's process, which is `bun test FILE -t TOKEN` started by the test
 * process: the test file loads again, every `memtest` in it is offered to the lookup, and
 * the one the request names is registered as the only test the pattern TOKEN selects.
 */
import { test } from "bun:test";
import { runMarked, writeVerdict } from "../../runner/case/child.ts";
import { loadMarker } from "../../runner/case/marker.ts";
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
  // As early as this process allows: the marker takes the marks' token out of the environment.
  void loadMarker();
  return currentLookup() ?? startLookup(request);
})();

let sentinel = false;

/** In a case's process: offers a declaration, registering the test that runs it when it is the one. */
export function offerHere(key: CaseKey, fn: MemtestFn): void {
  const l = lookup!;
  const token = String(l.request.extra?.token);
  if (!sentinel) {
    // The pattern TOKEN selects this one too; it runs once every declaration is in, and says
    // why when none matched (Bun has no exit event to do it in, and exits 0 on no test).
    sentinel = true;
    test(`${token} sentinel`, () => {
      if (l.found.length === 0) writeVerdict(l.request.verdict, { error: (outcome(l) as { error: string }).error });
    });
  }
  if (!offer(key, { fn }) || l.found.length !== 1) return;
  // The test process's tracer ends the case at its timeout; this one must not end it first.
  test(token, async () => {
    const found = outcome(l);
    if ("error" in found) writeVerdict(l.request.verdict, { error: found.error });
    else await runMarked(found.fn, l.request);
  }, { timeout: 86_400_000 });
}
