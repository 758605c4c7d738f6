/**
 * `--format bmf` (Bencher's JSON) and `--format github-benchmark` (github-action-benchmark's
 * customSmallerIsBetter): each case's median peak, growth, retained and heapRetained in
 * bytes, with the smallest and largest run as bounds, named by case id; the same figures as
 * the JSON report's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runCli } from "./helpers/cli.ts";
import { ID_A, ID_B, inTemp, KEEPS, testWith } from "./helpers/gate.ts";

test("bmf and github-benchmark hold the report's medians and bounds", () =>
  inTemp((dir) => {
    const json = join(dir, "results.json");
    testWith({}, [KEEPS, "--runs", "3", "--outfile", json], 0);
    const report = JSON.parse(readFileSync(json, "utf8"));
    const byId = new Map(report.results.map((r: { name: string }) => [`${KEEPS} › ${r.name}`, r]));

    // From the results file, without running anything (and as a reporter of memassert test).
    const gate = runCli(["gate", json, "--baseline", join(dir, "b.json"), "-u", "--format", "bmf", "--outfile", join(dir, "bmf.json")]);
    assert.is(gate.status, 0, gate.stderr + gate.stdout);
    const bmf = JSON.parse(readFileSync(join(dir, "bmf.json"), "utf8"));
    assert.equal(Object.keys(bmf).sort(), [ID_A, ID_B]);
    for (const [id, figures] of Object.entries(bmf) as [string, Record<string, { value: number; lower_value: number; upper_value: number }>][]) {
      type Figure = "peak" | "growth" | "retained" | "heapRetained";
      const r = byId.get(id) as Record<Figure, number> & { runs: Record<Figure, number>[] };
      assert.equal(Object.keys(figures), ["peak", "growth", "retained", "heapRetained"]);
      for (const f of ["peak", "growth", "retained", "heapRetained"] as const) {
        assert.is(figures[f].value, r[f]);
        assert.is(figures[f].lower_value, Math.min(...r.runs.map((x) => x[f])));
        assert.is(figures[f].upper_value, Math.max(...r.runs.map((x) => x[f])));
        assert.ok(figures[f].lower_value <= figures[f].value && figures[f].value <= figures[f].upper_value);
      }
    }

    const gh = testWith({}, [KEEPS, "--format", "github-benchmark", "--confirm", "0"], 0);
    const entries = JSON.parse(gh.stdout) as { name: string; unit: string; value: number; range: string; extra: string }[];
    const figures = ["peak", "growth", "retained", "heapRetained"];
    assert.equal(entries.map((e) => e.name), [ID_A, ID_B].flatMap((id) => figures.map((f) => `${id} (${f})`)));
    for (const e of entries) {
      assert.is(e.unit, "bytes");
      // What a case retained can be below nothing: it freed more than it kept.
      assert.ok(Number.isInteger(e.value) && (e.value > 0 || /retained/i.test(e.name)), JSON.stringify(e));
      assert.match(e.range, /^± \d+$/);
      assert.match(e.extra, /^median of 1 run; smallest \d+, largest \d+$/);
    }
    assert.ok(entries[1].value > 7 * 2 ** 20 && entries[1].value < 10 * 2 ** 20, "keeps A grows by its 8 MiB");
  }));

test.run();
