/**
 * A baseline that cannot be used is an error (exit 2) that names the file, what is wrong and
 * the fix, before any case runs, and never a pass: one made by a newer major version, a
 * newer format, a truncated or corrupt file, and a JSON file that is not a baseline. The file
 * is left as it was, even with -u. `memassert gate` refuses them the same way.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import pkg from "../package.json" with { type: "json" };
import { runCli } from "./helpers/cli.ts";
import { inTemp, KEEPS } from "./helpers/gate.ts";

const major = Number(pkg.version.split(".")[0]);
const environment = { memassert: pkg.version, runtime: "bun 1.4.5", arch: "x86_64", kernel: "6.18.0", libc: "glibc 2.36" };
const good = JSON.stringify({ format: "memassert baseline", version: 1, environment, cases: { [`${KEEPS} › keeps A`]: { peak: 1, growth: 1 } } }, null, 2);

const BAD: [string, string, RegExp][] = [
  ["a newer major version", good.replace(`"memassert": "${pkg.version}"`, `"memassert": "${major + 1}.0.0"`),
    new RegExp(`was made by memassert ${major + 1}\\.0\\.0, a newer major version than this one \\(${pkg.version.replace(/\./g, "\\.")}\\): upgrade memassert, or delete the file and re-create it with -u`)],
  ["a newer format", good.replace(`"version": 1`, `"version": 2`), /has format version 2, newer than this memassert .* reads \(1\): upgrade memassert/],
  ["a truncated file", good.slice(0, Math.floor(good.length * 0.6)), /is not valid JSON, it looks cut short \(.*\): restore it \(git checkout -- .*\), or delete it and re-create it with -u/],
  ["a corrupt figure", good.replace(`"peak": 1,`, `"peak": "12 MiB",`), /has case ".*keeps A" whose peak "12 MiB" is not a whole number of bytes/],
  ["another JSON file", JSON.stringify({ name: "x", version: "1.0.0" }), /is not a memassert baseline \(it has no "format", expected "memassert baseline"\): give the baseline file with --baseline/],
  ["an unknown format", good.replace(`"format": "memassert baseline"`, `"format": "other tool"`), /is not a memassert baseline \(its "format" is "other tool"/],
];

for (const [what, text, message] of BAD) {
  test(`${what}: exit 2 with a clear message, the file untouched, nothing run`, () =>
    inTemp((dir) => {
      const baseline = join(dir, "baseline.json");
      writeFileSync(baseline, text);
      for (const args of [["test", KEEPS, "--baseline", baseline], ["test", KEEPS, "--baseline", baseline, "-u"]]) {
        const r = runCli(args);
        assert.is(r.status, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
        assert.is(r.stdout, "", "no case ran");
        assert.match(r.stderr, /^memassert: baseline ".*baseline\.json" /);
        assert.match(r.stderr, message);
        assert.is(readFileSync(baseline, "utf8"), text);
      }
      const results = join(dir, "results.json");
      writeFileSync(results, JSON.stringify({ version: 1, passed: 0, failed: 0, skipped: 0, wallMs: 0, fileErrors: [], results: [] }));
      const g = runCli(["gate", results, "--baseline", baseline]);
      assert.is(g.status, 2, g.stderr);
      assert.match(g.stderr, message);
    }));
}

test.run();
