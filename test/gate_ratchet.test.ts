/**
 * `--ratchet`: when every case passes, the baseline entries that improved past their
 * tolerance are lowered to their figures now; nothing is ever raised, and nothing at all is
 * written when a case fails.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ID_A, ID_B, inTemp, KEEPS, testWith } from "./helpers/gate.ts";

test("ratchet lowers what improved, raises nothing, and waits for every case to pass", () =>
  inTemp((dir) => {
    const baseline = join(dir, "baseline.json");
    const read = () => JSON.parse(readFileSync(baseline, "utf8")).cases;
    testWith({ A: 24, B: 8 }, [KEEPS, "--baseline", baseline, "-u"], 0);
    const first = read();

    // A grows: it fails, and nothing is written.
    const failing = testWith({ A: 40, B: 8 }, [KEEPS, "--baseline", baseline, "--ratchet"], 1);
    assert.match(failing.stdout, /--ratchet: the baseline is left as it is, since not every case passed/);
    assert.equal(read(), first);

    // A shrinks to 8 MiB: lowered; B stays as it was.
    const r = testWith({ A: 8, B: 8 }, [KEEPS, "--baseline", baseline, "--ratchet"], 0);
    assert.match(r.stdout, /updated: 1 lowered$/m);
    const now = read();
    assert.ok(now[ID_A].growth < first[ID_A].growth - 12 * 2 ** 20, `${now[ID_A].growth} vs ${first[ID_A].growth}`);
    assert.ok(now[ID_A].peak < first[ID_A].peak);
    assert.equal(now[ID_B], first[ID_B]);

    // Back up to 24 MiB under --ratchet: a regression, never a raise.
    testWith({ A: 24, B: 8 }, [KEEPS, "--baseline", baseline, "--ratchet"], 1);
    assert.equal(read(), now);
  }));

test.run();
