/**
 * package-lock.json is what `npm install` would write, so a fresh clone stays clean after it:
 * every optional dependency of every locked package (the runtimes' and esbuild's builds for
 * each platform) has an entry of its own, and the root entry names package.json's
 * dependencies. npm writes an entry for every platform's build wherever it installs; a lock
 * that lacks one gains it at the next `npm install` (deno's six `@deno/*` builds did: 68 lines).
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";

interface Locked {
  version?: string;
  bin?: Record<string, string>;
  optional?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, "utf8")) as { packages: Record<string, Locked> };
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as Locked;

/** The lock path a dependency `name` of the package at `from` resolves to, as Node looks it up. */
function resolveIn(from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const path = dir === "" ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (path in lock.packages) return path;
    if (dir === "") return null;
    const up = dir.lastIndexOf("/node_modules/");
    dir = up < 0 ? "" : dir.slice(0, up);
  }
}

test("every optional dependency of a locked package has an entry of its own, marked optional", () => {
  const missing: string[] = [];
  const notOptional: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const at = resolveIn(path, name);
      if (at === null) missing.push(`${name} (of ${path || "the root"})`);
      else if (!lock.packages[at].optional && !(entry.dependencies ?? {})[name]) notOptional.push(at);
    }
  }
  assert.equal(missing, [], `npm install would add: ${missing.join(", ")}`);
  assert.equal(notOptional, [], `entries npm would mark optional: ${notOptional.join(", ")}`);
});

test("the lock's root entry repeats what npm copies from package.json: name, version, license, os, cpu, bin, dependencies", () => {
  const root = lock.packages[""] as Record<string, unknown>;
  // npm writes bin paths without a leading "./".
  const bin = pkg.bin && Object.fromEntries(Object.entries(pkg.bin).map(([k, v]) => [k, v.replace(/^\.\//, "")]));
  const manifest = { ...pkg, bin } as Record<string, unknown>;
  for (const field of ["name", "version", "license", "os", "cpu", "bin", "engines", "dependencies", "devDependencies", "optionalDependencies"]) {
    assert.equal(root[field], manifest[field], `${field} of package.json and of package-lock.json's root entry differ`);
  }
});

test("every dependency package.json names is locked at a version it accepts", () => {
  for (const [name, wanted] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const entry = lock.packages[`node_modules/${name}`];
    assert.ok(entry, `${name} is not in package-lock.json`);
    // package.json pins exact versions (the toolchain is part of what is tested).
    assert.is(entry.version, wanted, `${name}: package.json pins ${wanted}, the lock has ${entry.version}`);
  }
});

test.run();
