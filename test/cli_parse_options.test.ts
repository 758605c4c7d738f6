/**
 * `parseOptions` on the real option tables of `run` and `test`: values given as `--x=v`,
 * `--x v`, `-j4` or `-j 4`; flags that must not take a value; missing values; unknown options
 * with a near name suggested; `--`; `run` stopping at the command, `test` mixing options
 * and paths.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Parsed, parseOptions } from "../runner/cli/args.ts";
import { UsageError } from "../runner/cli/io.ts";
import { RUN_OPTIONS, TEST_OPTIONS } from "../runner/cli/options.ts";

const run = (...args: string[]) => plain(parseOptions(args, RUN_OPTIONS, true));
const tst = (...args: string[]) => plain(parseOptions(args, TEST_OPTIONS, false));
const plain = (p: Parsed) => ({ values: Object.fromEntries(p.values), positionals: p.positionals, separated: p.separated });

function refused(parse: () => unknown, message: string): void {
  assert.throws(parse, (e: unknown) => e instanceof UsageError && e.message === message, message);
}

test("a value after = or as the next word; a short option's value attached or apart", () => {
  assert.equal(run("--budget=64MiB", "--mode", "fast", "ls").values, { "--budget": "64MiB", "--mode": "fast" });
  assert.equal(tst("-j4").values, { "--jobs": "4" });
  assert.equal(tst("-j", "4").values, { "--jobs": "4" });
  assert.equal(tst("-t", "parse rows", "--runs=3").values, { "--filter": "parse rows", "--runs": "3" });
  assert.equal(tst("--filter=a=b").values, { "--filter": "a=b" }, "only the first = splits");
  assert.equal(tst("--outfile=").values, { "--outfile": "" });
});

test("the last of a repeated option wins, under its long name", () => {
  assert.equal(tst("-j", "2", "--jobs", "3", "-j5").values, { "--jobs": "5" });
});

test("a flag is true, and given a value it is refused", () => {
  assert.equal(run("--tree", "--quiet", "ls").values, { "--tree": true, "--quiet": true });
  refused(() => run("--tree=yes", "ls"), '--tree takes no value, got "--tree=yes" (write --tree alone)');
  refused(() => tst("-hx"), '-h takes no value, got "-hx" (write -h alone)');
});

test("a missing value is refused with an example, also when an option follows", () => {
  refused(() => run("--budget"), "--budget needs a size, e.g. --budget 64MiB");
  refused(() => run("--budget", "--tree", "ls"), "--budget needs a size, e.g. --budget 64MiB");
  refused(() => tst("-j"), "-j needs a number, e.g. -j 2");
  refused(() => tst("--timeout"), "--timeout needs a number of milliseconds, e.g. --timeout 60000");
});

test("an unknown option is refused, naming a near option when there is one", () => {
  refused(() => run("--budgte", "1", "ls"), 'unknown option "--budgte" (did you mean --budget? see memassert --help)');
  refused(() => tst("--job=2"), 'unknown option "--job=2" (did you mean --jobs? see memassert --help)');
  refused(() => run("--frobnicate", "ls"), 'unknown option "--frobnicate" (see memassert --help)');
  refused(() => tst("-x"), 'unknown option "-x" (see memassert --help)');
});

test("run: the first word that is not an option starts the command, whose options stay its own", () => {
  assert.equal(run("--tree", "ls", "--budget", "1", "-j4"), { values: { "--tree": true }, positionals: ["ls", "--budget", "1", "-j4"], separated: false });
  assert.equal(run("-", "x"), { values: {}, positionals: ["-", "x"], separated: false }, '"-" is a word, not an option');
});

test("run: -- ends the options; what follows is the command, even a word like an option", () => {
  assert.equal(run("--tree", "--", "--budget", "x"), { values: { "--tree": true }, positionals: ["--budget", "x"], separated: true });
  assert.equal(run("--", "--"), { values: {}, positionals: ["--"], separated: true });
});

test("test: options and paths mix; -- ends the options", () => {
  assert.equal(tst("a", "--runs", "3", "b", "-j2", "c"), { values: { "--runs": "3", "--jobs": "2" }, positionals: ["a", "b", "c"], separated: false });
  assert.equal(tst("a", "--", "--runs", "-j2"), { values: {}, positionals: ["a", "--runs", "-j2"], separated: true });
});

test("run --json: its FILE is the next word only when it is - or a -- comes later", () => {
  assert.equal(run("--json", "--", "ls").values, { "--json": true });
  assert.equal(run("--json", "out.json", "--tree", "--", "ls"), { values: { "--json": "out.json", "--tree": true }, positionals: ["ls"], separated: true });
  assert.equal(run("--json", "-", "ls").values, { "--json": "-" });
  assert.equal(run("--json", "ls", "-l"), { values: { "--json": true }, positionals: ["ls", "-l"], separated: false });
  refused(() => run("--json", "out.json", "ls"), '--json out.json: "out.json" would be run as the command (write --json=out.json, or put -- before the command)');
});

test.run();
