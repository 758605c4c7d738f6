/**
 * Benchmark: what exact peaks cost on Linux 6.1, where statm lags and memassert reads
 * smaps_rollup wherever that could hide a peak. Boots Debian's 6.1 under qemu (as
 * test/vm_linux_6_1.test.ts does: test/vm/provision.sh fetches it) and, inside, times
 * `churn` (one stop per iteration) and `forkexec` (a tree) untraced, under the C floor
 * (bench/floor.c, built static) and under dist/memassert, interleaved; then `true` for
 * each tool's fixed cost. The cost per stop is (traced − untraced − fixed) / stops, as in
 * bench/run.ts; qemu emulates the CPU (no nested KVM here), so compare columns, not the
 * host's figures.
 *
 *   bun bench/kernels.ts [--quick] [--runs N] [--memassert EXE] [--json OUT]
 *
 * --memassert measures another build of the executable (default: dist/memassert).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { boot, initScript, librariesOf, printFile, provision, sections, type VmFile, writeInitramfs } from "../test/vm/vm.ts";
import { fmtMs, fmtX, loadAverage, median, parseOptions, ratio, ROOT } from "./lib.ts";

const OUT = join(ROOT, ".cache/bench-vm");
/** Iterations of churn and forkexec inside the VM: emulation makes a stop ~10× dearer. */
const CHURN = 5000, FORKS = 60;
const TOOLS = ["untraced", "floor", "memassert"] as const;
type Tool = typeof TOOLS[number];

const usage = "usage: bun bench/kernels.ts [--quick] [--runs N] [--memassert EXE] [--json OUT]";
const defaults = { quick: false, runs: 0, json: "", memassert: join(ROOT, "dist/memassert") };
const opts = parseOptions(process.argv.slice(2), defaults, usage, (a, value) => {
  if (a !== "--memassert") return false;
  defaults.memassert = resolve(value());
  return true;
});
const runs = opts.runs || (opts.quick ? 2 : 5);

const kit = provision("6.1", false);
if ("skip" in kit) {
  console.error(`cannot boot Linux 6.1: ${kit.skip}`);
  process.exit(1);
}
const exe = opts.memassert;
if (!(await Bun.file(exe).exists())) {
  console.error(`${exe} is not built: node_modules/.bin/bun build/compile.ts`);
  process.exit(1);
}

mkdirSync(OUT, { recursive: true });
const built: Record<string, string> = {};
for (const [name, src] of [["floor", "bench/floor.c"], ["timeit", "bench/timeit.c"], ["churn", "bench/progs/churn.c"], ["forkexec", "bench/progs/forkexec.c"]]) {
  built[name] = join(OUT, name);
  const r = Bun.spawnSync({ cmd: ["gcc", "-O2", "-Wall", "-static", "-o", built[name], join(ROOT, src)], stderr: "pipe" });
  if (r.exitCode !== 0) {
    console.error(`cannot compile ${src}:\n${r.stderr}`);
    process.exit(1);
  }
}

/** Shell lines timing one run of `cmd` under `tool`, appending "tool prog ms=… stops=…" to /tmp/results. */
function timedLines(tool: Tool, prog: string, cmd: string): string {
  const run = tool === "untraced" ? cmd : tool === "floor" ? `/b/floor ${cmd}` : `/bin/memassert run --quiet --json=/tmp/m.json -- ${cmd}`;
  const stops = tool === "memassert" ? `$(sed -n 's/^  "stops": \\([0-9]*\\).*/stops=\\1/p' /tmp/m.json)` : `$(grep -o 'stops=[0-9]*' /tmp/err)`;
  return `/b/timeit ${run} > /dev/null 2> /tmp/err; echo "${tool} ${prog} $(grep -o 'ms=[0-9.]*' /tmp/err | tail -n 1) ${stops}" >> /tmp/results`;
}

const programs: Record<string, string> = { churn: `/b/churn ${CHURN}`, forkexec: `/b/forkexec ${FORKS}`, true: "/bin/true" };
const lines: string[] = [];
// One untimed round warms the page cache and the executable.
for (let round = 0; round <= runs; round++) {
  for (const [prog, cmd] of Object.entries(programs)) for (const tool of TOOLS) lines.push(timedLines(tool, prog, cmd));
  if (round === 0) lines.push(": > /tmp/results");
}
lines.push(printFile("results", "/tmp/results"));

const files: VmFile[] = [{ path: "/bin/memassert", from: exe }, ...librariesOf(exe).map((lib) => ({ path: lib, from: lib }))];
for (const [name, path] of Object.entries(built)) files.push({ path: `/b/${name}`, from: path });
files.push({ path: "/init", text: initScript(lines.join("\n")) });

const dir = mkdtempSync(join(tmpdir(), "memassert-bench-vm-"));
const load = loadAverage();
console.error(`booting Linux ${kit.release} under qemu: ${runs} runs of each program under each tool…`);
let console_: string;
try {
  writeInitramfs(join(dir, "initrd.cpio"), kit.busybox, files);
  const b = boot(kit, join(dir, "initrd.cpio"), { timeoutMs: 1_800_000 });
  if (!b.finished) {
    console.error(`the VM did not finish; its console:\n${b.console.slice(-3000)}`);
    process.exit(1);
  }
  console_ = b.console;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

interface Sample { ms: number; stops: number | null }
const samples = new Map<string, Sample[]>();
for (const line of (sections(console_).get("results") ?? "").split("\n")) {
  const m = /^(\w+) (\w+) ms=([\d.]+)(?: stops=(\d+))?/.exec(line);
  if (!m) continue;
  const key = `${m[1]} ${m[2]}`;
  samples.set(key, [...(samples.get(key) ?? []), { ms: Number(m[3]), stops: m[4] ? Number(m[4]) : null }]);
}
const med = (tool: Tool, prog: string) => median((samples.get(`${tool} ${prog}`) ?? []).map((s) => s.ms));
const stopsOf = (tool: Tool, prog: string) => median((samples.get(`${tool} ${prog}`) ?? []).flatMap((s) => (s.stops === null ? [] : [s.stops])));
const fixed = (tool: Tool) => {
  const t = med(tool, "true"), u = med("untraced", "true");
  return t === null || u === null ? null : t - u;
};
/** Microseconds per stop of `tool` on `prog`: its time beyond the untraced run and its own fixed cost. */
const perStop = (tool: Tool, prog: string) => {
  const t = med(tool, prog), u = med("untraced", prog), f = fixed(tool), s = stopsOf(tool, prog);
  return t === null || u === null || f === null || !s ? null : ((t - u - f) / s) * 1000;
};

const fmtUs = (us: number | null) => (us === null ? "—" : `${us.toFixed(1)} µs`);
console.log(`# memassert on Linux ${kit.release} (qemu TCG, 2 vCPUs)\n`);
console.log(`host load average ${load}; medians of ${runs} interleaved runs; ${exe}; bench/floor.c built static\n`);
console.log("| program | untraced | C floor | memassert | stops (floor / memassert) | per stop, floor | per stop, memassert | ÷ floor |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
const report: Record<string, unknown> = { kernel: kit.release, runs, churn: CHURN, forks: FORKS, samples: Object.fromEntries(samples) };
for (const prog of ["churn", "forkexec"]) {
  const pf = perStop("floor", prog), pm = perStop("memassert", prog);
  report[prog] = { untraced: med("untraced", prog), floor: med("floor", prog), memassert: med("memassert", prog), perStopFloorUs: pf, perStopMemassertUs: pm };
  console.log(`| \`${prog}\` | ${fmtMs(med("untraced", prog))} | ${fmtMs(med("floor", prog))} | ${fmtMs(med("memassert", prog))} | ${stopsOf("floor", prog) ?? "—"} / ${stopsOf("memassert", prog) ?? "—"} | ${fmtUs(pf)} | ${fmtUs(pm)} | ${fmtX(ratio(pm, pf))} |`);
}
console.log(`| start-up: \`true\` | ${fmtMs(med("untraced", "true"))} | ${fmtMs(med("floor", "true"))} | ${fmtMs(med("memassert", "true"))} | | | | |`);
if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2));
