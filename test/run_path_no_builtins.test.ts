/**
 * `memassert run` loads no `node:` built-in on its way: in the compiled executable node:fs
 * alone costs ~1 ms and ~4 MiB of RSS at start (bench/startup.ts). Nothing that `run`
 * always loads (the CLI, the run command, measure(), the tracer, libc's binding, the
 * summary) imports one statically; the code that needs node:fs (a --json or --report file,
 * a baseline) is reached through dynamic imports alone.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { importGraph } from "./helpers/imports.ts";

/** What `memassert run -- CMD` loads: bin.ts's static graph and the modules it always imports on the way. */
const RUN_PATH = ["runner/bin.ts", "runner/cli/run.ts", "runner/measure/measure.ts", "runner/trace/tracer.ts", "ffi/bun.ts", "runner/report/summary.ts"];

test("nothing memassert run always loads imports a node: built-in", () => {
  const builtins: string[] = [];
  for (const entry of RUN_PATH) {
    const { reached, external } = importGraph(entry);
    assert.ok(reached.size > 1 || entry === "ffi/bun.ts", `${entry} imports something`);
    for (const [file, modules] of external) for (const m of modules) if (m.startsWith("node:")) builtins.push(`${file} imports ${m}`);
  }
  assert.equal(builtins, [], builtins.join("\n"));
});

test("output files and baselines, which need node:fs, load only when asked for", () => {
  const run = importGraph("runner/cli/run.ts");
  for (const file of ["runner/report/files.ts", "runner/cli/run_baseline.ts"]) {
    assert.not.ok(run.reached.has(file), `run loads ${file} on every run`);
    assert.ok(run.dynamic.has(file), `run imports ${file} when asked for`);
  }
});

test.run();
