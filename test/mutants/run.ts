/**
 * Mutation testing: plants each bug of test/mutants/mutants.ts, one at a time, in a scratch
 * copy of the repository, runs the test files meant to catch it under Bun (the CLI from
 * source, so that the planted bug is what runs), and reports which tests killed it and
 * which mutants survived. Run on demand, not by `npm test` (a few minutes):
 *
 *   node_modules/.bin/bun test/mutants/run.ts [--markdown FILE] [ID...]
 *
 * Exit status 1 when a mutant not marked equivalent survived, or a patch no longer
 * applies (its text changed in the product file); 0 otherwise.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { type Mutant, MUTANTS } from "./mutants.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TIMEOUT_S = 300;

const args = process.argv.slice(2);
const mdAt = args.indexOf("--markdown");
const markdownFile = mdAt >= 0 ? args.splice(mdAt, 2)[1] : null;
const chosen = args.length ? MUTANTS.filter((m) => args.includes(m.id)) : MUTANTS;
if (chosen.length === 0) {
  console.error(`No mutant named ${args.join(", ")}; known: ${MUTANTS.map((m) => m.id).join(", ")}`);
  process.exit(2);
}
const ids = new Set<string>();
for (const m of MUTANTS) {
  if (ids.has(m.id)) throw new Error(`two mutants named ${m.id}`);
  ids.add(m.id);
}

/** A copy of the working tree (tracked and untracked files, not ignored ones), with its mtimes. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "memassert-mutants-"));
  const listed = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const path of listed.stdout.split("\0").filter(Boolean)) {
    const from = join(ROOT, path);
    if (!existsSync(from)) continue; // deleted, not yet committed
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(from, join(dir, path));
    const { atime, mtime } = statSync(from);
    utimesSync(join(dir, path), atime, mtime);
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  // Compiled C fixtures, kept newer than their sources so that they are not rebuilt.
  if (existsSync(join(ROOT, ".cache"))) cpSync(join(ROOT, ".cache"), join(dir, ".cache"), { recursive: true, preserveTimestamps: true });
  return dir;
}

interface Run {
  /** "file › test" of each failed test; "file (did not load)" and the like for other failures. */
  failed: Set<string>;
  /** Everything the run printed. */
  output: string;
  status: number | null;
  timedOut: boolean;
  seconds: number;
}

/** Runs the test files matching `pattern` in `dir` under Bun and collects what failed. */
function runTests(dir: string, pattern: string): Run {
  const t0 = Date.now();
  const r = spawnSync(join(ROOT, "node_modules/.bin/bun"), ["test/run.ts", pattern], {
    cwd: dir,
    env: { ...process.env, MEMASSERT_CLI: "source", MEMASSERT_TEST_RUNTIME: "bun", NO_COLOR: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
    timeout: TIMEOUT_S * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 2 ** 20,
  });
  const failed = new Set<string>();
  let file = "?";
  const text = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  for (const line of text.split("\n")) {
    const header = /^(\S+\.test\.ts)$/.exec(line.trim());
    if (header) file = header[1];
    const fail = /^\s*FAIL\s+"(.*)"\s*$/.exec(line);
    if (fail) failed.add(`${file} › ${fail[1]}`);
    const load = /^(\S+\.test\.ts) failed to load:/.exec(line.trim());
    if (load) failed.add(`${load[1]} (did not load)`);
    if (/did not run: a before hook threw|where no test awaited it|No tests ran/.test(line)) failed.add(`${file}: ${line.trim()}`);
  }
  const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT";
  if (timedOut) failed.add(`(timed out after ${TIMEOUT_S} s)`);
  else if (r.status !== 0 && failed.size === 0) failed.add(`(exit status ${r.status}, signal ${r.signal})`);
  return { failed, output: text, status: r.status, timedOut, seconds: (Date.now() - t0) / 1000 };
}

interface Outcome {
  mutant: Mutant;
  /** Failures the mutant caused: its run's failures that the unmutated run does not have. */
  killers: string[];
  error: string | null;
  seconds: number;
}

const dir = scratchCopy();
console.log(`scratch copy: ${dir}`);
const baselines = new Map<string, Run>();
const outcomes: Outcome[] = [];
try {
  for (const m of chosen) {
    const path = join(dir, m.file);
    const original = readFileSync(path, "utf8");
    const at = original.indexOf(m.find);
    if (at < 0 || original.indexOf(m.find, at + 1) >= 0) {
      const error = at < 0 ? `its text is not in ${m.file}` : `its text is in ${m.file} more than once`;
      outcomes.push({ mutant: m, killers: [], error, seconds: 0 });
      console.log(`✗ ${m.id}: cannot apply: ${error}`);
      continue;
    }
    if (!baselines.has(m.tests)) {
      const base = runTests(dir, m.tests);
      baselines.set(m.tests, base);
      let note = "";
      if (base.failed.size) {
        // A test that fails without any mutant cannot tell whether a mutant is caught: say so, and keep what it printed.
        const log = join(tmpdir(), `memassert-mutants-unmutated-${baselines.size}.log`);
        writeFileSync(log, base.output);
        note = `; failing without any mutant (output in ${log}): ${[...base.failed].join("; ")}`;
      }
      console.log(`  (unmutated ${m.tests}: ${base.seconds.toFixed(0)} s${note})`);
    }
    const base = baselines.get(m.tests)!;
    writeFileSync(path, original.slice(0, at) + m.replace + original.slice(at + m.find.length));
    let run: Run;
    try {
      run = runTests(dir, m.tests);
    } finally {
      writeFileSync(path, original);
    }
    const killers = [...run.failed].filter((f) => !base.failed.has(f));
    outcomes.push({ mutant: m, killers, error: null, seconds: run.seconds });
    const verdict = killers.length ? `killed by ${killers.join("; ")}` : m.equivalent ? "survived (equivalent)" : "SURVIVED";
    console.log(`${killers.length || m.equivalent ? "✓" : "✗"} ${m.id} (${run.seconds.toFixed(0)} s): ${verdict}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const survivors = outcomes.filter((o) => o.error === null && o.killers.length === 0 && !o.mutant.equivalent);
const broken = outcomes.filter((o) => o.error !== null);
const equivalent = outcomes.filter((o) => o.error === null && o.killers.length === 0 && o.mutant.equivalent);
const killed = outcomes.filter((o) => o.killers.length > 0);

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = [
  "| mutant | area | planted bug | killed by |",
  "|---|---|---|---|",
  ...outcomes.map((o) => {
    const tests = [...new Set(o.killers.map((k) => k.split(" › ")[0].split(" (")[0]))];
    const by = o.error ? `cannot apply: ${o.error}` : tests.length ? tests.map((t) => `\`${t}\``).join(", ") : o.mutant.equivalent ? `equivalent: ${o.mutant.equivalent}` : "**survived**";
    return `| \`${o.mutant.id}\` | ${o.mutant.area} | ${cell(o.mutant.what)} | ${cell(by)} |`;
  }),
].join("\n");
const summary = `${outcomes.length} mutants: ${killed.length} killed, ${survivors.length} survived, ${equivalent.length} equivalent, ${broken.length} could not be applied`;
if (markdownFile) writeFileSync(markdownFile, `${table}\n\n${summary}\n`);
console.log(`\n${table}\n\n${summary}`);
process.exit(survivors.length || broken.length ? 1 : 0);
