/**
 * memassert/uvu in real uvu runs of examples/uvu, under Node and under Bun, with memassert's
 * npm package installed in the project: the ordinary test and the memory cases pass (one in
 * a suite, with `setup`), and the case over its budget on purpose fails with the figure, the
 * limit and where the limit is set, its stack at its own line. Under Node, memassert's CLI
 * runs on the Bun found in the PATH.
 */
import { rmSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { runIn } from "./helpers/runtimes.ts";
import { uvuCommand, uvuProject } from "./helpers/uvu_project.ts";

let dir = "";
test.before(() => {
  dir = uvuProject(`${ROOT}examples/uvu`);
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const runtime of ["node", "bun"] as const) {
  test(`uvu under ${runtime}: three pass, the one over budget fails at its own line`, () => {
    const path = `${ROOT}node_modules/.bin:${process.env.PATH}`;
    const r = runIn(dir, uvuCommand(runtime), { PATH: path });
    assert.is(r.status, 1, r.all);
    assert.match(r.all, /csv\.test\.js\n• • {3}\(2 \/ 2\)\n index {2}• {3}\(1 \/ 1\)\n/);
    assert.match(r.all, /Total:\s+4\n\s+Passed:\s+3\n/);
    assert.match(
      r.all,
      /FAIL {2}"index 100k rows within 4 MiB \(fails on purpose\)"\n\s+growth \d+\.\d MiB is over its limit of 4\.0 MiB by \d+\.\d MiB \(\d+\.\d× the limit\); the limit is set in memtest\("index 100k rows within 4 MiB \(fails on purpose\)", \{ … \}\) at tests\/over-budget\.fails\.test\.js:7\n\n\s+at (file:\/\/)?\/\S+\/tests\/over-budget\.fails\.test\.js:7:1\n/,
    );
  });
}

test.run();
