/**
 * `sh -c 'exec prog'` must report the same root peak as prog run alone: the shell
 * becomes prog (one process, two images), and the shell's own ~1 MiB is neither added
 * to the peak nor counted as a second process. Each run is also checked against the
 * program's own reading right before free() (256 MiB malloc/free).
 *
 * Why a naive tool fails: RSS at exit is ~1 MiB in both runs; a tool that adds up images
 * or processes reports the sh run ~1 MiB higher than prog alone.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { near, ROOT_TOLERANCE, truthFile } from "./helpers/truth.ts";

test("sh -c 'exec prog' has the same root peak as prog alone", async () => {
  const prog = compileFixture("malloc_free");
  const alone = truthFile();
  const viaSh = truthFile();
  try {
    const options = { mode: "exact", stdout: "ignore", stderr: "inherit" } as const;
    const a = await measure([prog, alone.path], options);
    const script = 'exec "$0" "$1"';
    const s = await measure(["/bin/sh", "-c", script, prog, viaSh.path], options);
    const ta = alone.read(), ts = viaSh.read();
    assert.is(a.exitCode, 0);
    assert.is(s.exitCode, 0);
    assert.is(s.processes.length, 1);
    assert.equal(s.processes[0].images, [["/bin/sh", "-c", script, prog, viaSh.path], [prog, viaSh.path]]);
    assert.equal(s.processes[0].argv, [prog, viaSh.path]);
    near(a.root.peakRss, ta.peak, ROOT_TOLERANCE, "root peakRss of prog alone");
    near(s.root.peakRss, ts.peak, ROOT_TOLERANCE, "root peakRss of sh -c 'exec prog'");
    // Two runs of this program differ by at most 12 KiB here (16 runs, with and without
    // sh), far less than the shell's own ~1 MiB.
    near(s.root.peakRss, a.root.peakRss, ROOT_TOLERANCE, "sh -c 'exec prog' vs prog alone");
    near(s.tree.peakRss, a.tree.peakRss, ROOT_TOLERANCE, "tree peak, sh -c 'exec prog' vs prog alone");
  } finally {
    alone.remove();
    viaSh.remove();
  }
});

test.run();
