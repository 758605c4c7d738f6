/**
 * The explanation tells the kinds of memory apart, as /proc/PID/smaps names them: one
 * process holds a brk heap, private anonymous memory, MAP_SHARED|MAP_ANONYMOUS memory, a
 * memfd, a mapped file and a deep stack, each of its own size, at a stop at its peak. Each
 * must be listed with its kind, its name and what of it is resident.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Mapping, measure } from "../mod.ts";
import { compileFixture } from "./helpers/compile.ts";
import { MiB, truthFile } from "./helpers/truth.ts";

test("heap, anon, shared memory, a memfd, a file and the stack, each named with its kind", async () => {
  const truth = truthFile();
  const dir = mkdtempSync(join(tmpdir(), "memassert-kinds-"));
  try {
    const data = join(dir, "data.bin");
    writeFileSync(data, new Uint8Array(8 * MiB).fill(7));
    const r = await measure([compileFixture("explain_kinds"), truth.path, data], { explain: true, stdout: "ignore" });
    assert.is(r.exitCode, 0);
    const t = truth.read();
    const p = r.explain?.processes[0];
    assert.ok(p?.mappings, "the process's mappings were read");
    const rows = p.mappings.map((m) => `${m.kind} ${m.name} ${(m.rss / MiB).toFixed(0)} MiB`);
    const find = (what: string, ok: (m: Mapping) => boolean) => {
      const m = p.mappings!.find(ok);
      assert.ok(m, `${what} is listed: ${rows.join(", ")}`);
      return m;
    };
    // Sizes in whole MiB: each region is all resident, and nothing else in the process is that large.
    const mib = (n: number) => (m: { rss: number }) => Math.round(m.rss / MiB) === n;
    assert.is(find("the heap", (m) => m.kind === "heap").name, "[heap]");
    assert.ok(find("the heap", (m) => m.kind === "heap").rss >= 24 * MiB);
    const anon = find("the anonymous mapping", (m) => m.kind === "anon" && mib(20)(m));
    assert.is(parseInt(anon.start, 16), t.anon);
    assert.is(find("shared anonymous memory", (m) => m.kind === "shmem" && mib(16)(m)).name, "/dev/zero (deleted)");
    assert.is(find("the memfd", (m) => m.kind === "shmem" && mib(12)(m)).name, "/memfd:memassert-kinds (deleted)");
    const file = find("the file", (m) => m.kind === "file" && m.name === data);
    assert.equal([file.rss, file.size, parseInt(file.start, 16)], [8 * MiB, 8 * MiB, t.file_at]);
    assert.ok(find("the stack", (m) => m.kind === "stack").rss >= 4 * MiB);
    // In order, largest first.
    assert.equal(p.mappings.slice(0, 6).map((m) => m.kind), ["heap", "anon", "shmem", "shmem", "file", "stack"], rows.join(", "));
  } finally {
    truth.remove();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
