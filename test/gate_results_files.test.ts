/**
 * `memassert gate RESULTS...` judges results written elsewhere without running anything: a
 * JSON Lines file (one whole test-report document a line, as the plugins append them) and a
 * single document alike. A file cut short or not a results document is an error naming the
 * file and line (exit 2); without any baseline the gate says how to make one.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";
import { ID_A, inTemp, KEEPS, testWith } from "./helpers/gate.ts";

test("JSON Lines and a single document are judged alike; broken files are errors", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const before = join(dir, "before.json");
    const after = join(dir, "after.json");
    testWith({ A: 8, B: 8 }, [KEEPS, "--outfile", before, "--confirm", "0"], 0);
    testWith({ A: 24, B: 8 }, [KEEPS, "--outfile", after, "--confirm", "0"], 0);

    const none = runCli(["gate", after], { cwd: dir });
    assert.is(none.status, 2);
    assert.match(none.stderr, /no baseline: \.memassert\/baseline\.json does not exist \(give --baseline FILE, or create it with memassert gate .*after\.json -u\)/);

    const made = runCli(["gate", before, "--baseline", baseline, "-u"]);
    assert.is(made.status, 0, made.stderr + made.stdout);
    assert.match(made.stdout, /created: 2 added/);

    // One document per case and line, as the plugins write them.
    const doc = JSON.parse(readFileSync(after, "utf8"));
    const lines = doc.results.map((r: unknown) => JSON.stringify({ ...doc, passed: 1, failed: 0, results: [r] })).join("\n");
    const jsonl = join(dir, "after.jsonl");
    writeFileSync(jsonl, `${lines}\n`);
    for (const file of [after, jsonl]) {
      const r = runCli(["gate", file, "--baseline", baseline]);
      assert.is(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`^✗ ${ID_A.replace(/\./g, "\\.")} `, "m"));
      assert.not.match(r.stdout, /keeps B {2}/, "passing cases are not listed");
      assert.match(r.stdout, /^1 passed, 1 failed$/m);
      assert.match(r.stdout, /: 1 regressed, 1 unchanged$/m);
      assert.match(r.stdout, /accept the regressions on purpose with: memassert gate .* -u --baseline /);
    }

    const cut = join(dir, "cut.jsonl");
    writeFileSync(cut, `${lines}\n${lines.split("\n")[0].slice(0, 100)}`);
    const c = runCli(["gate", cut, "--baseline", baseline]);
    assert.is(c.status, 2);
    assert.match(c.stderr, /cut\.jsonl:3: not a JSON document \(the last line: was the writer killed\?\)/);
    const junk = join(dir, "junk.json");
    writeFileSync(junk, JSON.stringify({ hello: 1 }));
    const j = runCli(["gate", junk, "--baseline", baseline]);
    assert.is(j.status, 2);
    assert.match(j.stderr, /junk\.json: not a memassert results document \(no "results" list; give files written by memassert test --reporter json or by the memassert plugins\)/);
    writeFileSync(junk, JSON.stringify({ ...doc, version: 2 }));
    const newer = runCli(["gate", junk, "--baseline", baseline]);
    assert.is(newer.status, 2);
    assert.match(newer.stderr, /junk\.json: results version 2, written by a newer memassert: upgrade this one/);
  }));

test.run();
