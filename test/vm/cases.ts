/**
 * The accuracy fixtures as the VM tests run them (test/vm_linux_*.test.ts): each case's
 * command line, how its figures compare with its truths, and one boot that runs a list of
 * them with dist/memassert and brings back what each left. Fixtures are built static, with
 * -DTRUTH_FROM_ROLLUP: their truths come from smaps_rollup, exact on every kernel.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as assert from "uvu/assert";
import type { MeasureResult } from "../../mod.ts";
import { ROOT } from "../helpers/cli.ts";
import { compileFixture } from "../helpers/compile.ts";
import { near, nearTree, ROOT_TOLERANCE } from "../helpers/truth.ts";
import { boot, initScript, librariesOf, printFile, provision, sections, type VmFile, type VmKit, writeInitramfs } from "./vm.ts";

export type Truths = Record<string, number>;
/** A figure to compare: what, memassert's, the truth, and whether a root (64 KiB) or tree (1 %) tolerance applies. */
export type Check = [what: string, got: number, want: number, kind: "root" | "tree"];

export interface Case {
  name: string;
  fixture: string;
  /** Arguments after the truth file. */
  args?: string[];
  flags?: string[];
  /** The command line, when it is not the fixture itself: FX is the fixture, TRUTH the truth file. */
  argv?: string[];
  exitCode?: number | null;
  checks(r: MeasureResult, t: Truths): Check[];
}

const rootPeak = (r: MeasureResult, t: Truths, key = "peak"): Check => ["root peakRss", r.root.peakRss, t[key], "root"];
const peakOf = (r: MeasureResult, pid: number, want: number, what: string): Check =>
  [what, r.processes.find((p) => p.pid === pid)?.peakRss ?? -1, want, "root"];

/** Every accuracy fixture with truths, except MADV_GUARD_INSTALL (Linux 6.13+). */
export const CASES: Case[] = [
  { name: "nostdlib", fixture: "nostdlib", flags: ["-nostdlib", "-fno-stack-protector", "-fno-builtin"], checks: (r, t) => [rootPeak(r, t)] },
  { name: "tiny", fixture: "tiny", checks: (r, t) => [rootPeak(r, t)] },
  { name: "malloc_free", fixture: "malloc_free", checks: (r, t) => [rootPeak(r, t), ["root peakPss", r.root.peakPss, t.pss, "root"]] },
  { name: "brk_shrink", fixture: "brk_shrink", checks: (r, t) => [rootPeak(r, t)] },
  { name: "deep_stack", fixture: "deep_stack", checks: (r, t) => [rootPeak(r, t)] },
  { name: "exec_after_alloc", fixture: "exec_after_alloc", checks: (r, t) => [rootPeak(r, t)] },
  { name: "exit_code", fixture: "exit_code", args: ["42"], exitCode: 42, checks: (r, t) => [rootPeak(r, t)] },
  { name: "madvise_dontneed", fixture: "madvise_drop", args: ["dontneed"], checks: (r, t) => [rootPeak(r, t)] },
  { name: "memfd_truncate", fixture: "memfd_truncate", checks: (r, t) => [rootPeak(r, t)] },
  { name: "mremap_grow_shrink", fixture: "mremap_grow_shrink", checks: (r, t) => [rootPeak(r, t)] },
  { name: "kill_self", fixture: "kill_self", exitCode: null, checks: (r, t) => [rootPeak(r, t)] },
  { name: "thread_alloc", fixture: "thread_alloc", checks: (r, t) => [rootPeak(r, t)] },
  {
    name: "sh_exec", fixture: "malloc_free", argv: ["/bin/sh", "-c", 'exec "$0" "$1"', "FX", "TRUTH"],
    checks: (r, t) => [rootPeak(r, t)],
  },
  {
    name: "two_children_together", fixture: "two_children", args: ["together"],
    checks: (r, t) => [
      peakOf(r, t["child1.pid"], t["child1.peak"], "child1 peakRss"),
      peakOf(r, t["child2.pid"], t["child2.peak"], "child2 peakRss"),
      ["tree peakRss", r.tree.peakRss, t.parent + t["child1.peak"] + t["child2.peak"], "tree"],
    ],
  },
  {
    name: "two_children_apart", fixture: "two_children", args: ["apart"],
    checks: (r, t) => [["tree peakRss", r.tree.peakRss, t.parent + Math.max(t["child1.peak"], t["child2.peak"]), "tree"]],
  },
  {
    name: "child_holds_parent_allocs", fixture: "child_holds_parent_allocs",
    checks: (r, t) => [
      rootPeak(r, t, "parent.peak"),
      peakOf(r, t["child.pid"], t["child.peak"], "child peakRss"),
      ["tree peakRss", r.tree.peakRss, t["parent.peak"] + t["child.peak"], "tree"],
    ],
  },
  {
    name: "posix_spawn_children", fixture: "posix_spawn_children",
    checks: (r, t) => [
      rootPeak(r, t, "parent.peak"),
      peakOf(r, t["child1.pid"], t["child1.peak"], "child1 peakRss"),
      peakOf(r, t["child2.pid"], t["child2.peak"], "child2 peakRss"),
      ["tree peakRss", r.tree.peakRss, t["parent.peak"] + t["child1.peak"] + t["child2.peak"], "tree"],
    ],
  },
  {
    name: "daemon_grandchild", fixture: "daemon_grandchild",
    checks: (r, t) => [
      peakOf(r, t["grandchild.pid"], t["grandchild.peak"], "grandchild peakRss"),
      ["tree peakRss", r.tree.peakRss, t["grandchild.peak"], "tree"],
    ],
  },
  {
    name: "shared_anon", fixture: "shared_anon",
    checks: (r, t) => [
      ["tree peakRss", r.tree.peakRss, t["parent.rss"] + t["child1.rss"] + t["child2.rss"], "tree"],
      ["tree peakPss", r.tree.peakPss, t["parent.pss"] + t["child1.pss"] + t["child2.pss"], "tree"],
    ],
  },
];

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The init script's line that runs one case. */
function runLine(c: Case): string {
  const fx = `/fx/${c.name}`, truth = `/tmp/${c.name}.truth`;
  const argv = (c.argv ?? ["FX", "TRUTH", ...(c.args ?? [])]).map((a) => (a === "FX" ? fx : a === "TRUTH" ? truth : a));
  return `/bin/memassert run --quiet --json=/tmp/${c.name}.json -- ${argv.map(quote).join(" ")} > /dev/null; echo $? > /tmp/${c.name}.status`;
}

/** The init script's lines that print what one case left. */
function printLines(c: Case): string {
  return ["status", "json", "truth"].map((ext) => printFile(`${c.name}.${ext}`, `/tmp/${c.name}.${ext}`)).join("\n");
}

export function parseTruths(text: string | undefined): Truths {
  const out: Truths = {};
  for (const line of (text ?? "").split("\n")) {
    const [key, value] = line.split(" ");
    if (key && value !== undefined) out[key] = Number(value);
  }
  return out;
}


/**
 * Boots `kit` with dist/memassert, the fixtures of `cases` and `extra` files, runs the cases
 * in two lanes (one per virtual CPU: emulation is slow), then `after` (shell lines), then
 * prints every case's exit status, result and truths. Returns what was printed, by file name.
 */
export function runCases(kit: VmKit, cases: Case[], after: string[], extra: VmFile[] = []): Map<string, string> {
  const exe = `${ROOT}dist/memassert`;
  assert.ok(existsSync(exe), `${exe} is not built (node_modules/.bin/bun build/compile.ts)`);
  const files: VmFile[] = [{ path: "/bin/memassert", from: exe }];
  for (const lib of librariesOf(exe)) files.push({ path: lib, from: lib });
  for (const c of cases) {
    files.push({ path: `/fx/${c.name}`, from: compileFixture(c.fixture, ["-static", "-DTRUTH_FROM_ROLLUP", ...(c.flags ?? [])]) });
  }
  const lanes = [0, 1].map((lane) => `(\n${cases.filter((_, i) => i % 2 === lane).map(runLine).join("\n")}\n) &`);
  files.push(...extra);
  files.push({ path: "/init", text: initScript([...lanes, "wait", ...after, ...cases.map(printLines)].join("\n")) });
  const dir = mkdtempSync(join(tmpdir(), "memassert-vm-"));
  try {
    writeInitramfs(join(dir, "initrd.cpio"), kit.busybox, files);
    const b = boot(kit, join(dir, "initrd.cpio"), { timeoutMs: 600_000 });
    console.log(`  booted Linux ${kit.release} and ran ${cases.length} fixtures in ${(b.ms / 1000).toFixed(1)} s`);
    assert.ok(b.finished, `the VM did not get to the end of its init script; its console:\n${b.console.slice(-4000)}`);
    return sections(b.console);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The result of case `c` in `out`, checked against its truths; adds how far off it was to `worst`. */
export function checkCase(c: Case, out: Map<string, string>, worst: { root: number; tree: number }): MeasureResult {
  const status = out.get(`${c.name}.status`);
  assert.ok(status !== undefined, `${c.name} did not run in the VM`);
  const json = out.get(`${c.name}.json`) ?? "";
  assert.ok(json.startsWith("{"), `${c.name}: memassert exited ${status.trim()} and wrote no result: ${json}`);
  const r = JSON.parse(json) as MeasureResult;
  const t = parseTruths(out.get(`${c.name}.truth`));
  assert.is(r.exitCode, c.exitCode === undefined ? 0 : c.exitCode, `${c.name}: exit code`);
  for (const [what, got, want, kind] of c.checks(r, t)) {
    assert.ok(want > 0, `${c.name}: no truth for ${what}: ${JSON.stringify(t)}`);
    if (kind === "root") near(got, want, ROOT_TOLERANCE, `${c.name} ${what}`);
    else nearTree(got, want, r.processes.length, `${c.name} ${what}`);
    worst[kind] = Math.max(worst[kind], kind === "root" ? Math.abs(got - want) : Math.abs(got - want) / want);
  }
  return r;
}

/**
 * The kit for Debian's kernel `series` in this run: none outside the Bun pass (the VM tests
 * test the executable, once); test/run.sh has provisioned already, or says why it could not;
 * run alone, provisioning happens here.
 */
export function kitFor(series: string): VmKit | { skip: string } {
  if (typeof (globalThis as { Bun?: unknown }).Bun === "undefined") return { skip: "it runs once, in the Bun pass" };
  if (process.env.MEMASSERT_VM_SKIP) return { skip: process.env.MEMASSERT_VM_SKIP };
  return provision(series, process.env.MEMASSERT_VM_PROVISIONED === "1");
}
