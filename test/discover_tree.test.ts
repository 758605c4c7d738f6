/**
 * `discover` on a real directory tree: directories are searched for *.mem.{ts,mts,js,mjs}
 * (node_modules, .git, dist and .cache left out), files are taken as given, globs match
 * below their first directory, and the result is absolute, sorted and without duplicates.
 * A path that matches nothing says so.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { discover, MissingPathError } from "../runner/testing/discover.ts";

const root = mkdtempSync(join(tmpdir(), "memassert-discover-"));
const FILES = [
  "a.mem.ts", "b.mem.mts", "c.mem.js", "d.mem.mjs", "e.test.ts", "f.mem.tsx", "notes.md",
  "sub/g.mem.ts", "sub/deep/h.mem.ts", "sub/deep/i.ts", "with space (1)/j.mem.ts",
  "node_modules/pkg/k.mem.ts", ".git/l.mem.ts", "dist/m.mem.ts", ".cache/n.mem.ts", "sub/node_modules/o.mem.ts",
];
for (const f of FILES) {
  mkdirSync(join(root, dirname(f)), { recursive: true });
  writeFileSync(join(root, f), "");
}
const abs = (...names: string[]) => names.map((n) => join(root, n));

test("a directory gives its test files, skipping node_modules, .git, dist and .cache, sorted", () => {
  assert.equal(discover([root], "/"), abs("a.mem.ts", "b.mem.mts", "c.mem.js", "d.mem.mjs", "sub/deep/h.mem.ts", "sub/g.mem.ts", "with space (1)/j.mem.ts"));
});

test("no path means the current directory; relative paths are taken from it", () => {
  assert.equal(discover([], join(root, "sub")), abs("sub/deep/h.mem.ts", "sub/g.mem.ts"));
  assert.equal(discover(["deep"], join(root, "sub")), abs("sub/deep/h.mem.ts"));
});

test("a file is taken as given, whatever its name", () => {
  assert.equal(discover(["e.test.ts", "notes.md"], root), abs("e.test.ts", "notes.md"));
});

test("a glob matches below its first directory, ** across directories", () => {
  assert.equal(discover(["sub/**/*.mem.ts"], root), abs("sub/deep/h.mem.ts", "sub/g.mem.ts"));
  assert.equal(discover(["*.mem.?s"], root), abs("a.mem.ts", "c.mem.js"));
  assert.equal(discover(["sub/deep/*.ts"], root), abs("sub/deep/h.mem.ts", "sub/deep/i.ts"));
  assert.equal(discover(["**/*.mem.ts"], join(root, "sub")), abs("sub/deep/h.mem.ts", "sub/g.mem.ts"));
});

test("what several paths find is listed once", () => {
  assert.equal(discover(["sub", "sub/g.mem.ts", "sub/*.mem.ts"], root), abs("sub/deep/h.mem.ts", "sub/g.mem.ts"));
});

test("a path that does not exist, or a glob that matches nothing, throws MissingPathError naming it", () => {
  assert.throws(() => discover(["nope"], root), (e: unknown) => e instanceof MissingPathError && e.message === "no such file or directory: nope");
  assert.throws(() => discover(["sub/*.mem.js"], root), (e: unknown) => e instanceof MissingPathError && e.message === "no file matches sub/*.mem.js");
  assert.throws(() => discover(["nodir/**/*.ts"], root), (e: unknown) => e instanceof MissingPathError && e.message === "no file matches nodir/**/*.ts");
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test.run();
