#!/usr/bin/env -S bun --no-env-file
/**
 * The `memassert` executable: `bun runner/bin.ts run -- CMD` or
 * `deno run -A runner/bin.ts run -- CMD`. All behaviour lives in {@link main}.
 *
 * @module
 */

import { main } from "./cli/main.ts";

declare const Deno: { args: string[] } | undefined;

// Deno's process.argv holds the script path at a different index than Bun's; Deno.args is exact.
const args = typeof Deno !== "undefined" ? Deno.args : process.argv.slice(2);

// Exit explicitly: a tracer worker or a timer left alive must not keep the process running.
// No top-level await: a test case's process (`memassert __case`) whose promise never settles
// must reach the runtime's "beforeExit" (runner/case/child.ts).
main(args).then((status) => process.exit(status));
