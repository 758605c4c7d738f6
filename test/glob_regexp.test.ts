/**
 * `globRegExp`: the regular expression of a glob, matched against a path relative to the
 * glob's first directory. `**` crosses directories, `*` and `?` stay within one, `[…]` and
 * `[!…]` are classes, and everything else is literal.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { globRegExp } from "../runner/testing/discover.ts";

function matches(glob: string, yes: string[], no: string[]): void {
  const re = globRegExp(glob);
  for (const path of yes) assert.ok(re.test(path), `${glob} should match ${path} (${re})`);
  for (const path of no) assert.not.ok(re.test(path), `${glob} should not match ${path} (${re})`);
}

test("* matches within one directory", () => {
  matches("*.mem.ts", ["a.mem.ts", ".mem.ts", "a.b.mem.ts"], ["d/a.mem.ts", "a.mem.tsx", "a.mem.js"]);
  matches("src/*/x.ts", ["src/a/x.ts"], ["src/x.ts", "src/a/b/x.ts"]);
});

test("**/ matches any number of directories, none included", () => {
  matches("**/*.mem.ts", ["a.mem.ts", "d/a.mem.ts", "d/e/f/a.mem.ts"], ["a.mem.js", "d/a.mem.ts/x"]);
  matches("a/**/b.ts", ["a/b.ts", "a/x/b.ts", "a/x/y/b.ts"], ["ab.ts", "a/xb.ts", "b.ts"]);
});

test("** at the end matches everything below", () => {
  matches("d/**", ["d/x", "d/e/x.ts"], ["e/x"]);
});

test("? matches one character, never a slash", () => {
  matches("a?.ts", ["ab.ts", "a1.ts"], ["a.ts", "abc.ts", "a/.ts"]);
});

test("[…] is a class, [!…] its complement; an unclosed [ is literal", () => {
  matches("[ab].ts", ["a.ts", "b.ts"], ["c.ts", "ab.ts"]);
  matches("[!ab].ts", ["c.ts", "z.ts"], ["a.ts", "b.ts"]);
  matches("[0-9]x", ["5x"], ["ax"]);
  matches("a[b.ts", ["a[b.ts"], ["ab.ts"]);
});

test("regular-expression characters are literal", () => {
  matches("a.b", ["a.b"], ["axb"]);
  matches("(x)+{1}$^|\\.ts", ["(x)+{1}$^|\\.ts"], ["xx{1}.ts", "x.ts"]);
});

test.run();
