/**
 * `memassert run --baseline FILE --name NAME -- CMD`: a command's root and tree peaks against
 * its entry; -u writes the entry (keeping the others), a tree that grew past its tolerance
 * exits 99 and says by how much and how to accept it, one within passes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";
import { inTemp } from "./helpers/gate.ts";

/** A shell whose `tail` holds MIB MiB: a small root, a tree of about MIB MiB. */
const holding = (mib: number) => ["sh", "-c", `head -c ${mib * 2 ** 20} /dev/zero | tail -c ${mib * 2 ** 20} > /dev/null`];

test("a command's peaks against its baseline entry", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const run = (args: string[], mib: number) => runCli(["run", "--baseline", baseline, ...args, "--", ...holding(mib)]);
    const needs = runCli(["run", "--baseline", baseline, "--", "true"]);
    assert.is(needs.status, 2);
    assert.match(needs.stderr, /--baseline needs --name NAME: the command's entry in the baseline, e\.g\. --name build/);

    const made = run(["--name", "tail 32", "-u"], 32);
    assert.is(made.status, 0, made.stderr);
    assert.match(made.stderr, /baseline .* created: 1 added\n {2}added {3}tail 32 {2}peak \d+\.\d (KiB|MiB), tree peak 3\d\.\d MiB/);
    assert.is(run(["--name", "other", "-u"], 8).status, 0);
    const cases = JSON.parse(readFileSync(baseline, "utf8")).cases;
    assert.equal(Object.keys(cases), ["other", "tail 32"]);
    assert.equal(Object.keys(cases["tail 32"]), ["peak", "tree"]);

    const same = run(["--name", "tail 32"], 32);
    assert.is(same.status, 0, same.stderr);
    assert.match(same.stderr, /memassert: tail 32: unchanged against the baseline \(tree peak 3\d\.\d MiB, baseline 3\d\.\d MiB\)/);

    const grown = run(["--name", "tail 32"], 48);
    assert.is(grown.status, 99, grown.stderr);
    assert.match(grown.stderr, /^memassert: tree peak \d+\.\d MiB is over its baseline of 3\d\.\d MiB by 1\d\.\d MiB \(\+\d+\.\d %\), past its tolerance of \+10 % \+ 1\.0 MiB/m);
    assert.match(grown.stderr, /accept it on purpose with: memassert run --baseline .* --name 'tail 32' -u -- CMD/);
    assert.is(JSON.parse(readFileSync(baseline, "utf8")).cases["tail 32"].tree, cases["tail 32"].tree, "nothing written without -u");
    const fresh = run(["--name", "new one"], 8);
    assert.is(fresh.status, 0);
    assert.match(fresh.stderr, /memassert: new one: not in the baseline yet \(add it with -u\)/);
  }));

test.run();
