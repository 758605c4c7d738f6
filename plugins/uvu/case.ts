/**
 * A case's process for memassert/uvu, under Node, Bun or Deno, with $MEMASSERT_CASE naming the
 * case. It loads the test file with uvu's queue deferred, so that no suite runs (without a
 * queue, `suite.run()` throws), finds the one `memtest` the request names, and runs it between
 * marks, with its `setup` and `teardown` around them.
 */
import { pathToFileURL } from "node:url";
import { runMarked, writeVerdict } from "../../runner/case/child.ts";
import { loadMarker } from "../../runner/case/marker.ts";
import { describe, withoutOwnFrames } from "../../runner/case/describe.ts";
import { outcome, startLookup } from "../../runner/case/keyed.ts";
import { CASE_ENV, readRequest } from "../../runner/case/request.ts";

type Hook = ((context: Record<string, unknown>) => unknown) | undefined;

const request = readRequest();
if (request === null) throw new Error(`${CASE_ENV} is not set: this is started by memassert/uvu for one case`);
Object.assign(globalThis, { UVU_DEFER: 1, UVU_INDEX: 0, UVU_QUEUE: [[null]] });
// Before the file: the marker takes the marks' token out of the environment.
await loadMarker();
const lookup = startLookup(request);
let loaded = true;
try {
  await import(pathToFileURL(request.file).href);
} catch (error) {
  loaded = false;
  writeVerdict(request.verdict, { error: `cannot load ${request.file}: ${withoutOwnFrames(describe(error))}` });
}
if (loaded) {
  const found = outcome(lookup);
  if ("error" in found) writeVerdict(request.verdict, { error: found.error });
  else {
    const context: Record<string, unknown> = { __suite__: request.extra?.suite ?? "", __test__: request.name };
    const setup = found.extra?.setup as Hook, teardown = found.extra?.teardown as Hook;
    await runMarked(() => (found.fn as (c: Record<string, unknown>) => unknown)(context), request, {
      setup: setup && (() => setup(context)),
      teardown: teardown && (() => teardown(context)),
    });
  }
}
// Whatever the file left running (timers, servers) must not keep the case's process alive.
process.exit(0);
