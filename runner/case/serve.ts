/**
 * `memassert __plugin-case`: runs one case for a plugin whose test process may not trace
 * (Deno without -A, Node without FFI). The test process writes the case as one line of JSON
 * ({@link PluginCase}) on this process's stdin and keeps stdin open; this process runs and
 * judges the case, appends its result to $MEMASSERT_REPORT when set, and writes
 * `{"result": …, "extra": …}` as one line on stdout. Should stdin close before the case has
 * ended, the test process is gone: the case's processes are killed and nothing is written.
 */
import { REPORT_ENV, appendLocked, resultLine } from "../report/append.ts";
import { type PluginCase, runPluginCase } from "./plugin.ts";

/** Reads the case from stdin, runs it, answers on stdout; resolves to the exit status. */
export async function serve(): Promise<number> {
  const stop = new AbortController();
  const c = await firstLine(stop);
  if (c === null) return 0;
  const { result, extra } = await runPluginCase(JSON.parse(c) as PluginCase, { signal: stop.signal });
  if (stop.signal.aborted) return 130;
  const report = process.env[REPORT_ENV];
  if (report) appendLocked(report, resultLine(result));
  await new Promise<void>((resolve) => process.stdout.write(JSON.stringify({ result, extra }) + "\n", () => resolve()));
  return 0;
}

/** The first line of stdin, or null when it closes first; its closing later aborts `stop`. */
function firstLine(stop: AbortController): Promise<string | null> {
  return new Promise((resolve) => {
    let text = "";
    let done = false;
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      if (done) return;
      text += chunk;
      const nl = text.indexOf("\n");
      if (nl < 0) return;
      done = true;
      resolve(text.slice(0, nl));
    });
    process.stdin.on("end", () => {
      if (!done) resolve(null);
      stop.abort();
    });
  });
}
