/**
 * The `memassert` command line: a thin shell over `measure()` and the test
 * runner. `--help` (runner/help.ts) is its documentation.
 *
 * @module
 */
import pkg from "../../package.json" with { type: "json" };
import { EXIT, fail, errorLine, out } from "./io.ts";
import { help, USAGE } from "./help.ts";

export { EXIT } from "./io.ts";

/**
 * Runs the `memassert` command line and resolves to the exit status; never exits the process
 * itself (see `runner/bin.ts`). Writes summaries and errors on stderr; help, version,
 * `--json` and test reports on stdout.
 *
 * @example
 * ```ts
 * const status = await main(["run", "--budget", "64MiB", "--", "node", "app.js"]);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) return await fail(EXIT.usage, `missing command (${USAGE})`);
  if (first === "-h" || first === "--help" || first === "help") return await out(help());
  if (first === "--version") return await out(`memassert ${pkg.version}\n`);
  try {
    switch (first) {
      // Loaded on demand: --help, --version and usage errors need no tracer or FFI.
      case "run": return await (await import("./run.ts")).runMain(rest);
      case "test": return await (await import("./test.ts")).testMain(rest);
      case "gate": return await (await import("./gate.ts")).gateMain(rest);
      case "merge": return await (await import("./gate.ts")).mergeMain(rest);
      case "__collect": {
        // The process that lists a run's cases, when memassert is one compiled executable.
        const [out, request] = rest;
        await (await import("../testing/list.ts")).listFiles(out, request);
        return EXIT.ok;
      }
      case "__case": {
        // A case's own process, when memassert is one compiled executable; the case is
        // named by the request file in $MEMASSERT_CASE (runner/case/request.ts).
        const { readRequest } = await import("../case/request.ts");
        const request = readRequest();
        if (request === null) return await fail(EXIT.usage, "__case runs one case for memassert test; it is not for use on its own");
        await (await import("../case/child.ts")).runCase(request);
        return EXIT.ok;
      }
      // One case of a plugin (memassert/deno, memassert/uvu) for a test process that may not trace.
      case "__plugin-case": return await (await import("../case/serve.ts")).serve();
      default: {
        const hint = first.startsWith("-") ? ` (options go after "run" or "test": memassert run ${first} ...)` : "";
        return await fail(EXIT.usage, `unknown command "${first}"${hint} (${USAGE})`);
      }
    }
  } catch (error) {
    return await fail(EXIT.internal, `internal error: ${errorLine(error)} (please report this with the command line)`);
  }
}
