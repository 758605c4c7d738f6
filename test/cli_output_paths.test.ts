/**
 * Where results go is checked before anything runs: `run --json` and `test --outfile` to a
 * missing folder, a folder, /proc, /dev/full, or `--json -` with stdout closed, exit 2 with a
 * message naming the option and the path, and the command (or any case) never runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EXIT } from "../runner/cli/main.ts";
import { cliCommand, ROOT, runCli } from "./helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "memassert-out-"));
const ran = join(dir, "ran");
const command = ["sh", "-c", `touch ${ran}`];

test("run --json to a place that cannot be written: exit 2, the command never runs", () => {
  for (const [path, why] of [
    [join(dir, "no/such/dir/r.json"), /directory .* does not exist/],
    [dir, /is a directory/],
    ["/proc/memassert.json", /cannot create files in \/proc/],
    ["/dev/full", /always full/],
  ] as const) {
    const r = runCli(["run", `--json=${path}`, "--", ...command]);
    assert.is(r.status, EXIT.usage, `${path}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^memassert: --json "${path.replace(/[/.]/g, "\\$&")}": `));
    assert.match(r.stderr, why);
    assert.not.ok(existsSync(ran), `${path}: the command ran`);
  }
});

test("run --json - with stdout closed is an error, not a silent success", () => {
  const [exe, ...lead] = cliCommand();
  const r = spawnSync("sh", ["-c", `exec 1>&-; exec "$@"`, "sh", exe, ...lead, "run", "--json", "-", "--", ...command], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" },
  });
  assert.is(r.status, EXIT.usage, r.stderr);
  assert.match(r.stderr, /--json -: stdout is closed/);
  assert.not.ok(existsSync(ran));
});

test("test --outfile: checked before any case runs, its format taken from its name", () => {
  const fixture = join(ROOT, "test/fixtures/mem/growth/nothing.mem.ts");
  const bad = runCli(["test", fixture, "--outfile", join(dir, "missing/r.xml")]);
  assert.is(bad.status, EXIT.usage, bad.stderr);
  assert.match(bad.stderr, /--outfile ".*missing\/r\.xml": directory .* does not exist/);
  assert.is(bad.stdout, "", "no case ran");

  const unknown = runCli(["test", fixture, "--outfile", join(dir, "r.txt")]);
  assert.is(unknown.status, EXIT.usage);
  assert.match(unknown.stderr, /cannot tell the format from its name \(add --reporter json, junit or html\)/);

  const json = join(dir, "r.json");
  const ok = runCli(["test", fixture, "--outfile", json]);
  assert.is(ok.status, 0, ok.stderr + ok.stdout);
  assert.is(JSON.parse(readFileSync(json, "utf8")).version, 1);
  assert.match(ok.stdout, /1 passed, 0 failed/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
