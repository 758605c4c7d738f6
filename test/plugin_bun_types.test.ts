/**
 * memassert/bun's matchers are typed on `bun:test`'s Matchers for bun-types users: right
 * arguments type-check, and a wrong one is a TypeScript error (checked with tsc on
 * test/fixtures/bun/types/uses.ts, as written and without its @ts-expect-error lines).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";

const DIR = `${ROOT}test/fixtures/bun/types`;

function tsc(project: string) {
  const r = spawnSync("node", [`${ROOT}node_modules/typescript/bin/tsc`, "-p", project], { cwd: DIR, encoding: "utf8", timeout: 180_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

test("as written: every line under @ts-expect-error is an error, and no other line is", () => {
  const r = tsc("tsconfig.json");
  assert.is(r.status, 0, r.out);
});

test("without the @ts-expect-error lines: a type error on each wrong argument, naming it", () => {
  const source = readFileSync(`${DIR}/uses.ts`, "utf8").split("\n");
  const directive = (line: string) => line.trimStart().startsWith("// @ts-expect-error");
  const expected = source.flatMap((line, i) => directive(line) ? [i + 1] : []);
  writeFileSync(`${DIR}/stripped.ts`, source.map((l) => directive(l) ? "" : l).join("\n"));
  const config = JSON.parse(readFileSync(`${DIR}/tsconfig.json`, "utf8"));
  writeFileSync(`${DIR}/tsconfig.stripped.json`, JSON.stringify({ ...config, files: ["stripped.ts"] }));
  try {
    const r = tsc("tsconfig.stripped.json");
    assert.is(r.status, 2, r.out);
    const lines = [...r.out.matchAll(/^stripped\.ts\((\d+),\d+\): error TS\d+/gm)].map((m) => Number(m[1]) - 1);
    assert.equal(lines, expected, r.out);
    assert.match(r.out, /Argument of type '"64 mb"' is not assignable to parameter of type 'Size'/);
  } finally {
    rmSync(`${DIR}/stripped.ts`, { force: true });
    rmSync(`${DIR}/tsconfig.stripped.json`, { force: true });
  }
});

test.run();
