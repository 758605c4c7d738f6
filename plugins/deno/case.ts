/**
 * A case's process for memassert/deno: `deno run -A --v8-flags=--expose-gc case.ts`, with
 * $MEMASSERT_CASE naming the case. It loads the test module again (`deno run` ignores its
 * Deno.test calls), finds the one `memtest` the request names, and runs it between marks.
 */
import { pathToFileURL } from "node:url";
import { runMarked, writeVerdict } from "../../runner/case/child.ts";
import { loadMarker } from "../../runner/case/marker.ts";
import { describe, withoutOwnFrames } from "../../runner/case/describe.ts";
import { outcome, startLookup } from "../../runner/case/keyed.ts";
import { CASE_ENV, type CaseRequest, readRequest } from "../../runner/case/request.ts";

const request = readRequest();
if (request === null) throw new Error(`${CASE_ENV} is not set: this is started by memassert/deno for one case`);

/** Loads the test module, finds the case and runs it; the verdict says what happened. */
async function main(request: CaseRequest): Promise<void> {
  // Before the file: the marker takes the marks' token out of the environment.
  await loadMarker();
  const lookup = startLookup(request);
  try {
    await import(pathToFileURL(request.file).href);
  } catch (error) {
    return writeVerdict(request.verdict, { error: `cannot load ${request.file}: ${withoutOwnFrames(describe(error))}` });
  }
  const found = outcome(lookup);
  if ("error" in found) writeVerdict(request.verdict, { error: found.error });
  else await runMarked(found.fn, request);
}

// No top-level await: a case whose promise never settles must let Deno reach "beforeExit",
// where runMarked says so, rather than fail the await with memassert's own stack.
// Whatever the module left running (timers, servers) must not keep the case's process alive.
main(request).then(() => Deno.exit(0));
