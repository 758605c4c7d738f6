/**
 * The anon/file/shmem split and PSS describe the moment of the peak, not a later one.
 * `tail -c 100000000` grows a buffer in small steps while reading a pipe, then frees it
 * before it exits: the split read at its exit (a few hundred KiB of anon) must not replace
 * the split at its peak (~95 MiB of anon).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { measure } from "../mod.ts";
import { MiB } from "./helpers/truth.ts";

test("split and PSS at the peak of a buffer grown in steps then freed", async () => {
  const r = await measure(["sh", "-c", "head -c 100000000 /dev/zero | tail -c 100000000 > /dev/null"], { stderr: "inherit" });
  assert.is(r.exitCode, 0);
  const tail = r.processes.find((p) => p.argv[0] === "tail");
  assert.ok(tail, "tail is in the tree");
  const { anon, file, shmem } = tail.atPeak;
  assert.ok(tail.peakRss >= 95 * MiB, `tail peak ${tail.peakRss}`);
  assert.ok(anon >= 93 * MiB, `anon at peak ${anon} B, peak ${tail.peakRss} B`);
  const sum = anon + file + shmem;
  assert.ok(Math.abs(sum - tail.peakRss) <= 256 * 1024, `split sums to ${sum} B, peak is ${tail.peakRss} B`);
  assert.ok(tail.peakPss >= 93 * MiB && tail.peakPss <= tail.peakRss, `PSS at peak ${tail.peakPss} B`);
});

test.run();
