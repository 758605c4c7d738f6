/**
 * The retained limits are set where every limit is: a case's own options, `defaults()`, the
 * command line (`--retained`, `--heap-retained`) and the config (here
 * memassert.config.ts), the most specific winning; a malformed one is a usage error naming it.
 */
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TestReport } from "../mod.ts";
import { ROOT, runCli } from "./helpers/cli.ts";

const MiB = 2 ** 20;
const DIR = join(ROOT, "test/fixtures/mem/retained_layers");

function report(args: string[]): TestReport {
  const r = runCli(["test", "-j", "2", "--reporter", "json", ...args], { cwd: DIR });
  assert.ok(r.status === 0 || r.status === 1, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as TestReport;
}
const find = (rep: TestReport, name: string) => rep.results.find((c) => c.name === name)!;

test("defaults() and the config set them; the config's heapRetained fails 8 MiB of objects", () => {
  const rep = report(["."]);
  const bytes = find(rep, "keeps 16 MiB of bytes");
  assert.is(bytes.retainedBudget, 4 * MiB);
  assert.ok(bytes.retained! > 15 * MiB, `retained ${bytes.retained}`);
  assert.match(bytes.failure ?? "", /^retained \d+\.\d MiB is over its limit of 4\.0 MiB .*the limit is set in defaults\(\{ … \}\) at .*defaults\.mem\.ts:3/);
  const objects = find(rep, "keeps 8 MiB of objects");
  assert.is(objects.heapRetainedBudget, 2 * MiB);
  assert.match(objects.failure ?? "", /^heap retained \d+\.\d MiB is over its limit of 2\.0 MiB .*memassert\.config\.ts \(export default/);
});

test("--retained and --heap-retained win over the config", () => {
  const rep = report(["--retained", "64MiB", "--heap-retained", "32MiB", "."]);
  const objects = find(rep, "keeps 8 MiB of objects");
  assert.is(objects.status, "passed", objects.failure ?? "");
  assert.equal([objects.retainedBudget, objects.heapRetainedBudget], [64 * MiB, 32 * MiB]);
  // defaults() in the file wins over the command line.
  const bytes = find(rep, "keeps 16 MiB of bytes");
  assert.equal([bytes.retainedBudget, bytes.heapRetainedBudget], [4 * MiB, 32 * MiB]);
  assert.is(bytes.status, "failed");
});

test("a malformed --retained is a usage error naming it", () => {
  const r = runCli(["test", "--heap-retained", "4 MB B", "."], { cwd: DIR });
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /--heap-retained/);
});

test.run();
