/**
 * The gate's command line: `--help` documents the tolerance defaults, the baseline options and
 * the gate and merge subcommands; mistakes are usage errors (exit 2, one line naming the value
 * and the fix), with a near option suggested, before anything runs.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";
import { KEEPS } from "./helpers/gate.ts";

function usage(args: string[], message: RegExp): void {
  const r = runCli(args);
  assert.is(r.status, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
  assert.is(r.stdout, "");
  assert.is(r.stderr.split("\n").length, 2, `one line: ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, message);
}

test("--help documents the gate: tolerance defaults, options, subcommands", () => {
  for (const args of [["--help"], ["gate", "--help"], ["merge", "--help"], ["test", "--help"]]) {
    const r = runCli(args);
    assert.is(r.status, 0, r.stderr);
    for (const word of ["memassert gate", "memassert merge", "--baseline", "--update", "--ratchet", "--tolerance", "--growth-tolerance",
      "--strict-environment", "--confirm", "--shard", "--format", "bmf", "github-benchmark", "GITHUB_STEP_SUMMARY", ".memassert/baseline.json"]) {
      assert.ok(r.stdout.includes(word), `${args.join(" ")}: help mentions ${word}`);
    }
    assert.match(r.stdout, /Default tolerance: relative 10 %, absolute 1 MiB for peak and\n256 KiB for growth/);
    assert.match(r.stdout, /now > baseline x \(1 \+ relative\) \+ absolute/);
  }
});

test("mistakes in the gate's options are usage errors naming the value and the fix", () => {
  usage(["gate"], /gate needs results files, e\.g\. memassert gate memory\.json/);
  usage(["merge"], /merge needs results files or a folder of them, e\.g\. memassert merge results\//);
  usage(["gate", "--baslin", "x.json", "r.json"], /unknown option "--baslin" \(did you mean --baseline\?/);
  usage(["merge", "--tolerence", "5%", "r/"], /did you mean --tolerance\?/);
  usage(["test", KEEPS, "--shard", "4/3"], /--shard "4\/3": expected i\/n with 1 ≤ i ≤ n, e\.g\. --shard 1\/3/);
  usage(["test", KEEPS, "--shard", "1/2", "-u"], /--shard with -u: a shard sees part of the cases; write the baseline from all of them with memassert merge DIR -u/);
  usage(["test", KEEPS, "-u", "--ratchet"], /-u and --ratchet go apart/);
  usage(["test", KEEPS, "--confirm", "-1"], /--confirm "-1": expected a whole number ≥ 0/);
  usage(["test", KEEPS, "--format", "csv"], /--reporter "csv": unknown reporter \(use default, json, junit, html, bmf, github-benchmark\)/);
  usage(["test", KEEPS, "--reporter", "json", "--format", "bmf"], /--reporter "json" and --format "bmf" disagree/);
  usage(["test", KEEPS, "--growth-tolerance", "+5 pc"], /--growth-tolerance "\+5 pc": "\+5 pc" is not a size/);
  usage(["test", KEEPS, "--ratchet", "--baseline", "/nonexistent/b.json"], /--ratchet: baseline "\/nonexistent\/b\.json" does not exist, so there is nothing to lower/);
  usage(["test", KEEPS, "-u", "--baseline", "/nonexistent/dir/b.json"], /--baseline "\/nonexistent\/dir\/b\.json": directory \/nonexistent\/dir does not exist/);
  usage(["run", "--name", "x", "--baseline", "/nonexistent/b.json", "--", "true"], /--baseline "\/nonexistent\/b\.json": no such file \(create it with -u/);
});

test.run();
