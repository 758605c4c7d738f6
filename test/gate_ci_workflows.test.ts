// deno-lint-ignore-file no-explicit-any -- CI files are YAML of any shape
/**
 * The CI examples in examples/ci/ are valid YAML (parsed by the `yaml` package) and wire the
 * gate as documented: a matrix (or `parallel:`) of three shards that each write a results
 * file, and a gate job that needs them all, runs `memassert merge` once and shows what the
 * pull request accepted against its merge base; the jobs check out the pull request's own
 * commit, so the committed baseline is the merge base's plus what it accepted.
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { ROOT } from "./helpers/cli.ts";

const load = (name: string) => parse(readFileSync(`${ROOT}examples/ci/${name}`, "utf8"), { strict: true, uniqueKeys: true }) as any;
const scripts = (steps: any[]) => steps.map((s) => s.run ?? "").join("\n");

test("GitHub Actions: a shard matrix, a merge job, the baseline at the merge base", () => {
  const w = load("github-actions.yml");
  assert.ok(w.on.pull_request !== undefined && w.on.push.branches.includes("main"));
  const shard = w.jobs.shard;
  assert.equal(shard.strategy.matrix.shard, [1, 2, 3]);
  assert.is(shard.strategy["fail-fast"], false);
  const run = scripts(shard.steps);
  assert.match(run, /npx memassert test --shard \$\{\{ matrix\.shard \}\}\/3 --outfile results\/shard-\$\{\{ matrix\.shard \}\}\.json \|\| test \$\? -eq 1/);
  assert.ok(shard.steps.some((s: any) => s.uses?.startsWith("actions/upload-artifact@") && s.with.path === "results/"));

  const gate = w.jobs.gate;
  assert.is(gate.needs, "shard");
  assert.match(gate.if, /!cancelled\(\)/);
  const checkout = gate.steps.find((s: any) => s.uses?.startsWith("actions/checkout@"));
  assert.is(checkout.with.ref, "${{ github.event.pull_request.head.sha || github.sha }}");
  assert.is(checkout.with["fetch-depth"], 0);
  assert.equal(shard.steps.find((s: any) => s.uses?.startsWith("actions/checkout@")).with.ref, checkout.with.ref);
  const download = gate.steps.find((s: any) => s.uses?.startsWith("actions/download-artifact@"));
  assert.equal([download.with.pattern, download.with.path, download.with["merge-multiple"]], ["memory-shard-*", "results", true]);
  const gateRun = scripts(gate.steps);
  assert.match(gateRun, /git merge-base "\$\{\{ github\.event\.pull_request\.base\.sha \}\}" HEAD/);
  assert.match(gateRun, /git diff "\$base" HEAD -- \.memassert\/baseline\.json/);
  assert.match(gateRun, /npx memassert merge results\/ --baseline \.memassert\/baseline\.json --reporter junit --outfile memory\.xml/);
  assert.match(gateRun, /npx memassert merge results\/ --baseline \.memassert\/baseline\.json --ratchet/);
});

test("GitLab CI: three parallel shards, a gate job with a JUnit report", () => {
  const w = load("gitlab-ci.yml");
  assert.equal(w.stages, ["memory", "gate"]);
  assert.is(w.memory.parallel, 3);
  assert.match(w.memory.script.join("\n"), /npx memassert test --shard "\$CI_NODE_INDEX\/\$CI_NODE_TOTAL" --outfile "results\/shard-\$CI_NODE_INDEX\.json" \|\| test \$\? -eq 1/);
  assert.equal(w.memory.artifacts.paths, ["results/"]);
  const gate = w["memory-gate"];
  assert.is(gate.stage, "gate");
  assert.equal(gate.needs, [{ job: "memory", artifacts: true }]);
  const script = gate.script.join("\n");
  assert.match(script, /git diff "\$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD -- \.memassert\/baseline\.json/);
  assert.match(script, /npx memassert merge results\/ --baseline \.memassert\/baseline\.json --reporter junit --outfile memory\.xml/);
  assert.is(gate.artifacts.reports.junit, "memory.xml");
  assert.is(gate.artifacts.when, "always");
});

test.run();
