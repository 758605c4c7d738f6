import { test } from "uvu";
import * as assert from "uvu/assert";
import pkg from "../package.json" with { type: "json" };
import { EXIT } from "../runner/cli/main.ts";
import { runCli } from "./helpers/cli.ts";

/** A usage error: status 2, nothing on stdout, exactly one line on stderr that matches `message`. */
function usage(args: string[], message: RegExp) {
  const r = runCli(args);
  assert.is(r.status, EXIT.usage, `${args.join(" ")}: ${r.stderr}`);
  assert.is(r.stdout, "");
  assert.is(r.stderr.split("\n").length, 2, `one line: ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, /^memassert: /);
  assert.match(r.stderr, message);
}

test("--help prints the documentation on stdout: every option, the exit codes, examples", () => {
  for (const args of [["--help"], ["-h"], ["run", "--help"]]) {
    const r = runCli(args);
    assert.is(r.status, 0);
    assert.is(r.stderr, "");
    for (const word of ["--mode", "exact", "fast", "sample", "--tree", "--json", "--budget", "--budget-tree", "--timeline", "--quiet", "--version", "Exit status", "Examples", "KiB", "MB", "MEMASSERT_KERNEL_RSS", "smaps_rollup"]) {
      assert.ok(r.stdout.includes(word), `help mentions ${word}`);
    }
    for (const code of Object.values(EXIT)) assert.match(r.stdout, new RegExp(`^ +${code}[ +]`, "m"), `help documents exit ${code}`);
  }
});

test("--version prints the version of package.json", () => {
  const r = runCli(["--version"]);
  assert.is(r.status, 0);
  assert.is(r.stdout, `memassert ${pkg.version}\n`);
});

test("no arguments, an unknown command, or run without a command", () => {
  usage([], /missing command .*memassert --help/);
  usage(["frobnicate"], /unknown command "frobnicate"/);
  usage(["--budget", "1MiB"], /options go after "run"/);
  usage(["run"], /run needs a command, e\.g\. memassert run -- /);
  usage(["run", "--tree", "--"], /run needs a command/);
});

test("an unknown option names it and suggests a near one", () => {
  usage(["run", "--bugdet", "1MiB", "--", "true"], /unknown option "--bugdet" \(did you mean --budget\?/);
  usage(["run", "--frob", "--", "true"], /unknown option "--frob" \(see memassert --help\)/);
});

test("a bad size names the option, the value and the accepted units", () => {
  usage(["run", "--budget", "64 MB B", "--", "true"],
    /^memassert: --budget "64 MB B": unknown unit "MB B" \(use B, KiB, MiB, GiB, TiB, kB, MB, GB, TB\)\n$/);
  usage(["run", "--budget-tree=64 mb", "--", "true"], /--budget-tree "64 mb": unknown unit "mb" \(did you mean MB or MiB\?/);
  usage(["run", "--budget", "-5", "--", "true"], /--budget "-5": it is negative/);
  usage(["run", "--budget"], /--budget needs a size, e\.g\. --budget 64MiB/);
});

test("a bad mode, a value given to a flag, a --json file taken for the command", () => {
  usage(["run", "--mode", "exakt", "--", "true"], /--mode "exakt": unknown mode \(use exact, fast or sample\)/);
  usage(["run", "--tree=yes", "--", "true"], /--tree takes no value/);
  usage(["run", "--json", "out.json", "true"], /write --json=out\.json, or put -- before the command/);
  usage(["run", "--json=/no/such/dir/out.json", "--", "true"], /directory \/no\/such\/dir does not exist/);
});

test("options after the command belong to the command", () => {
  const r = runCli(["run", "--quiet", "sh", "-c", 'printf "%s," "$@"', "sh", "--tree", "--budget", "x"]);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, "--tree,--budget,x,");
  assert.is(r.stderr, "");
});

test.run();
