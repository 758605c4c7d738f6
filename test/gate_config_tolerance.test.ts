/**
 * A tolerance in the project's config (memassert.config.ts) applies to every case below the
 * command line's; `memassert gate` applies it too, to results that carry no tolerance of
 * their own (as other writers' may not).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT, runCli } from "./helpers/cli.ts";
import { caseNamed, inTemp, reportOf, testWith } from "./helpers/gate.ts";

const PROJECT = join(ROOT, "test/fixtures/mem/gate_config");

test("the config's tolerance, under the command line's, in test and in gate", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const cwd = { cwd: PROJECT };
    testWith({ A: 8 }, ["--baseline", baseline, "-u", "--confirm", "0"], 0, cwd);
    // 8 → 12 MiB of growth, +50 %: within the config's +100 %, past the command line's +5 %.
    const r = reportOf(testWith({ A: 12 }, ["--baseline", baseline, "--reporter", "json", "--confirm", "0"], 0, cwd));
    assert.is(caseNamed(r, "keeps A").gate?.verdict, "unchanged");
    assert.match(caseNamed(r, "keeps A").tolerance?.growth.source ?? "", /memassert\.config\.ts \(export default \{ … \}\)$/);
    const strict = reportOf(testWith({ A: 12 }, ["--baseline", baseline, "--reporter", "json", "--confirm", "0", "--tolerance", "+5%"], 1, cwd));
    assert.is(caseNamed(strict, "keeps A").gate?.verdict, "regressed");

    // Results without tolerances, as another writer may leave them.
    const bare = { ...r, results: r.results.map(({ tolerance: _, gate: __, ...rest }) => rest) };
    const results = join(dir, "results.json");
    writeFileSync(results, JSON.stringify(bare));
    const inProject = runCli(["gate", results, "--baseline", baseline], cwd);
    assert.is(inProject.status, 0, inProject.stdout + inProject.stderr);
    assert.match(inProject.stdout, /: 1 unchanged$/m);
    const moved = JSON.parse(readFileSync(results, "utf8"));
    moved.root = PROJECT;
    writeFileSync(results, JSON.stringify(moved));
    const elsewhere = runCli(["gate", results, "--baseline", baseline], { cwd: dir });
    assert.is(elsewhere.status, 1, "without the project's config, the default +10 % applies");
    assert.match(elsewhere.stdout, /: 1 regressed$/m);
  }));

test.run();
