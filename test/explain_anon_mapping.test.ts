// deno-lint-ignore-file no-explicit-any -- the CLI's JSON is read as any
/**
 * `--explain` names the mapping that made the peak. The fixture's parent maps and touches
 * 200 MiB of anonymous memory and unmaps it while its child holds 32 MiB of its own; each
 * writes down where its mapping starts and its own RSS there. At the peak, the explanation
 * must name the parent's 200 MiB mapping at its address (kind anon, 200 MiB resident and
 * proportional, nothing shared) and the child's 32 MiB, and its figures must add up: the
 * processes' RSS to the tree's peak, each process's mappings and their rest to its RSS.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measure, type MeasureResult, type PeakExplanation } from "../mod.ts";
import { runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";
import { loadSchema, validate } from "./helpers/schema.ts";
import { MiB, near, ROOT_TOLERANCE, truthFile } from "./helpers/truth.ts";

const schema = loadSchema("result.schema.json");

/** Checks the explanation of one run of the fixture against what the fixture wrote down. */
function checkExplanation(r: MeasureResult, t: Record<string, number>): PeakExplanation {
  assert.is(r.exitCode, 0);
  const e = r.explain;
  assert.ok(e, "the result has an explanation");
  // The peak is the parent's munmap stop, with both mappings resident: the explanation is of that very stop.
  assert.is(e.treeRss, r.tree.peakRss, "the explained moment is the tree's peak");
  assert.is(e.processes.reduce((s, p) => s + p.rss, 0) + e.others.rss, e.treeRss, "the processes' RSS add up to the tree's");
  assert.is(e.processes.length, 2);
  const [parent, child] = e.processes;
  assert.is(parent.pid, r.root.pid, "the largest process is the parent");
  assert.is(child.pid, t.child);
  near(parent.rss, t.peak, ROOT_TOLERANCE, "parent's RSS at the explained peak");
  near(child.rss, t.child_rss, ROOT_TOLERANCE, "child's RSS at the explained peak");
  for (const p of e.processes) {
    assert.ok(p.mappings && p.rest && p.pss !== null, `pid ${p.pid}'s mappings were read`);
    const rss = p.mappings.reduce((s, m) => s + m.rss, 0) + p.rest.rss;
    near(rss, p.rss, ROOT_TOLERANCE, `pid ${p.pid}: its mappings and their rest against its RSS`);
    assert.is(p.mappings.reduce((s, m) => s + m.pss, 0) + p.rest.pss, p.pss, `pid ${p.pid}: its PSS is the sum of its mappings'`);
  }
  const big = parent.mappings![0];
  assert.equal(
    { kind: big.kind, start: parseInt(big.start, 16), size: big.size, rss: big.rss, pss: big.pss },
    { kind: "anon", start: t.addr, size: 200 * MiB, rss: 200 * MiB, pss: 200 * MiB },
    "the parent's largest mapping is its 200 MiB, all of it resident and its own",
  );
  const small = child.mappings![0];
  assert.equal({ kind: small.kind, size: small.size, rss: small.rss }, { kind: "anon", size: 32 * MiB, rss: 32 * MiB });
  return e;
}

test("measure(…, { explain: true }) names the 200 MiB anonymous mapping at the peak", async () => {
  const truth = truthFile();
  try {
    const r = await measure([compileFixture("explain_anon"), truth.path], { explain: true, stdout: "ignore" });
    checkExplanation(r, truth.read());
  } finally {
    truth.remove();
  }
});

test("memassert run --explain prints the mapping and writes it into the JSON and the HTML report", () => {
  const truth = truthFile();
  const dir = mkdtempSync(join(tmpdir(), "memassert-explain-"));
  try {
    const json = join(dir, "r.json");
    const html = join(dir, "r.html");
    const run = runCli(["run", "--explain", `--json=${json}`, "--report", html, "--", compileFixture("explain_anon"), truth.path]);
    assert.is(run.status, 0, run.stderr);
    const r = JSON.parse(readFileSync(json, "utf8")) as any;
    assert.equal(validate(schema, schema, r), [], "the JSON matches schema/result.schema.json");
    const t = truth.read();
    const e = checkExplanation(r, t);
    const address = t.addr.toString(16);
    assert.match(run.stderr, /memassert: at the peak \(\d+\.\d MiB of the tree's \d+\.\d MiB, at /);
    assert.match(run.stderr, new RegExp(`pid ${r.root.pid} +\\d+\\.\\d MiB RSS`));
    assert.match(run.stderr, new RegExp(`200\\.0 MiB +200\\.0 MiB +anon +\\[anon\\] at ${address} \\(200\\.0 MiB mapped\\)`), run.stderr);
    assert.match(run.stderr, new RegExp(`pid ${e.processes[1].pid} +3\\d\\.\\d MiB RSS`));
    const page = readFileSync(html, "utf8");
    const section = page.slice(page.indexOf("<h2>Where the memory went at the peak</h2>"));
    assert.match(section, new RegExp(`<tr data-pid="${r.root.pid}">`), "the report lists the parent at the peak");
    assert.match(section, new RegExp(`data-bytes="${200 * MiB}"[^]*?<td>anon</td><td class="cmd">└─ \\[anon\\] at ${address}</td>`), "and its mapping");
  } finally {
    truth.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
