/**
 * `memassert run -f FORMAT`, `-o FILE` and `--append`, for users of GNU time's -f, -o and
 * -a: the line is made of the run's own figures, it goes to the file instead of stderr, and
 * a bad format is a usage error before anything runs.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../runner/cli/io.ts";
import { FORMAT_LETTERS } from "../runner/report/format_line.ts";
import { runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";

const dir = mkdtempSync(join(tmpdir(), "memassert-format-"));
const json = join(dir, "result.json");

test("-f prints its line instead of the summary, each placeholder from the run's result", () => {
  const prog = compileFixture("malloc_free");
  const r = runCli(["run", `--json=${json}`, "-f", "%M KiB|%R|%F|%w|%c|%x|%C|%{tree.peakRss}|%{root.pid}|%{peak}|%U|%S|%e|%P|%%\\t|%{processes.9.pid}", "--", prog, join(dir, "t")]);
  assert.is(r.status, 0, r.stderr);
  const result = JSON.parse(readFileSync(json, "utf8"));
  const u = result.tree.usage;
  const fields = r.stderr.split("\n")[0].split("|");
  assert.is(r.stderr.split("\n").length, 2, `one line and nothing else: ${r.stderr}`);
  assert.is(fields[0], `${Math.round(result.tree.peakRss / 1024)} KiB`);
  assert.ok(Number(fields[0].split(" ")[0]) > 256 * 1024, "the 256 MiB peak, in KiB");
  assert.equal(fields.slice(1, 6).map(Number), [u.minorFaults, u.majorFaults, u.voluntarySwitches, u.involuntarySwitches, 0]);
  assert.is(fields[6], `${prog} ${join(dir, "t")}`);
  assert.is(Number(fields[7]), result.tree.peakRss);
  assert.is(Number(fields[8]), result.root.pid);
  assert.match(fields[9], /^25\d\.\d MiB$/);
  assert.is(fields[10], (u.userMs / 1000).toFixed(2));
  assert.is(fields[11], (u.systemMs / 1000).toFixed(2));
  assert.is(fields[12], (result.wallMs / 1000).toFixed(2));
  assert.match(fields[13], /^\d+%$/);
  assert.is(fields[14], "%\t");
  assert.is(fields[15], "?", "a process the tree did not have");
});

test("%x gives the exit status, 128+N for a signal, as the exit status of memassert itself", () => {
  assert.is(runCli(["run", "-f", "%x", "--", "sh", "-c", "exit 3"]).stderr, "3\n");
  const killed = runCli(["run", "-f", "%x", "--", "sh", "-c", "kill -9 $$"]);
  assert.is(killed.stderr, "137\n");
  assert.is(killed.status, 137);
});

test("-o writes the summary (and --tree) to FILE, replacing it; --append adds to it; the rest stays on stderr", () => {
  const out = join(dir, "summary.txt");
  const first = runCli(["run", "-o", out, "--", "sh", "-c", "echo own-output >&2"]);
  assert.is(first.status, 0);
  assert.is(first.stderr, "own-output\n", "only the command's own stderr");
  assert.match(readFileSync(out, "utf8"), /^memassert: peak .*\nmemassert: cpu .*\n$/);
  runCli(["run", "-o", out, "-f", "first %x", "--", "true"]);
  assert.is(readFileSync(out, "utf8"), "first 0\n", "replaced");
  const over = runCli(["run", "-o", out, "--append", "-f", "second %x", "--tree", "--budget", "1KiB", "--", "true"]);
  assert.is(over.status, EXIT.budgetExceeded);
  assert.match(over.stderr, /^memassert: root peak .* is over its limit of 1\.0 KiB/, "a budget failure stays on stderr");
  const lines = readFileSync(out, "utf8").split("\n");
  assert.equal(lines.slice(0, 2), ["first 0", "second 0"]);
  assert.match(lines[2], /^\s*PID\s+PPID\s+PEAK RSS/);
  assert.match(lines[3], /\strue$/);
});

test("a bad format, --append without -o, or -o with --quiet is a usage error and nothing runs", () => {
  const marker = join(dir, "ran");
  for (const [args, message] of [
    [["-f", "%Z"], /^memassert: --format "%Z": unknown placeholder %Z \(use one of %e .* %C, %\{name\}, or %% for a %\)\n$/],
    [["-f", "%{peak"], /is not closed with "\}"/],
    [["-f", "%{bogus}"], /unknown placeholder %\{bogus\} \(use %\{peak\}, %\{tree\}, %\{treePss\}, or a field of the --json result/],
    [["--append"], /^memassert: --append needs -o FILE/],
    [["-o", join(dir, "x"), "--quiet"], /--quiet prints no summary/],
  ] as const) {
    const r = runCli(["run", ...args, "--", "touch", marker]);
    assert.is(r.status, EXIT.usage, r.stderr);
    assert.match(r.stderr, message);
    assert.not.ok(existsSync(marker), `${args.join(" ")}: the command did not run`);
  }
});

test("--help lists every placeholder", () => {
  const help = runCli(["--help"]).stdout;
  for (const letter of Object.keys(FORMAT_LETTERS)) assert.match(help, new RegExp(`  %${letter}\\b|%\\w %${letter}\\b`), `%${letter}`);
  assert.match(help, /%\{peak\} %\{tree\} %\{treePss\}/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
