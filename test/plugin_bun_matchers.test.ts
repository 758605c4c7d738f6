/**
 * memassert/bun's matchers in a real `bun test`: within the limits they pass (and `.not`
 * works); over, the message is memassert's verdict under Bun's own one-line
 * `expect(received).toTreePeakBelow(limit)` header, which is not repeated; anything but a
 * result is refused by name.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "./helpers/cli.ts";
import { BUN, runIn } from "./helpers/runtimes.ts";

test("one passes, three fail as they should", () => {
  const r = runIn(`${ROOT}test/fixtures/bun`, [BUN, "test", "./matchers.test.ts"]);
  assert.is(r.status, 1, r.all);
  assert.ok(r.all.includes("(pass) within its limits"), r.all);
  assert.match(r.all, /1 pass\n 3 fail/);
  assert.match(
    r.all,
    /error: expect\(received\)\.toTreePeakBelow\(limit\)\n\nsh -c head -c 20000000 \/dev\/zero \| tail -c 20000000 > \/dev\/null: tree peak \d+\.\d MiB is over its limit of 8\.0 MiB by \d+\.\d MiB \(\d+\.\d× the limit\)\n/,
  );
  assert.is(r.all.split("expect(received).toTreePeakBelow").length - 1, 1, "a second header");
  assert.match(r.all, /error: expect\(received\)\.toGrowBelow\(limit\)\n\nindex: growth 24\.0 MiB is over its limit of 16\.0 MiB by 8\.0 MiB \(\+50\.0 %\)\n/);
  assert.match(r.all, /TypeError: toPeakBelow expects the result of measure\(\) or a case result, got number/);
});

test.run();
