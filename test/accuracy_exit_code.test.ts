/**
 * The exit status of the root passes through unchanged (3 and 42, so a constant cannot
 * pass), with no signal, and the peak is still exact for a program that does not exit 0.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { near, ROOT_TOLERANCE, truthFile } from "./helpers/truth.ts";

for (const status of [3, 42]) {
  test(`exit status ${status} passes through`, async () => {
    const prog = compileFixture("exit_code");
    const truth = truthFile();
    try {
      const r = await measure([prog, truth.path, String(status)], { mode: "exact", stdout: "ignore", stderr: "inherit" });
      const t = truth.read();
      assert.is(r.exitCode, status);
      assert.is(r.signal, null);
      assert.is(r.processes.length, 1);
      assert.is(r.processes[0].exitCode, status);
      assert.is(r.processes[0].signal, null);
      near(r.root.peakRss, t.peak, ROOT_TOLERANCE, "root peakRss");
    } finally {
      truth.remove();
    }
  });
}

test.run();
