/**
 * Entry point of a case's process when memassert is not one compiled executable (which runs
 * `memassert __case` instead); the case is named by the request file in $MEMASSERT_CASE.
 */
import { runCase } from "./child.ts";
import { CASE_ENV, readRequest } from "./request.ts";

const request = readRequest();
if (request === null) throw new Error(`${CASE_ENV} is not set: this is started by memassert test for one case`);
// No top-level await: a case whose promise never settles must let the runtime reach its
// "beforeExit" (runner/case/child.ts), where Deno would fail the await and Bun hang on it.
runCase(request).then(() => process.exit(0));
