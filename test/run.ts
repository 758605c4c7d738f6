/**
 * Runs the test suite under whichever runtime executes this file:
 *
 *   node_modules/.bin/bun test/run.ts [PATTERN...]
 *   node_modules/.bin/deno run -A test/run.ts [PATTERN...]
 *
 * Every `test/*.test.ts` whose name matches one of the PATTERNs (regular
 * expressions; all files when none is given) is imported and its suites run
 * with uvu's `exec()`, the way uvu's own CLI does it. The last line printed is
 * `RUNTIME: N passed, N failed, N skipped`, which `test/run.sh` reads; the exit
 * status is 1 when anything failed or nothing ran. A test that skips itself
 * (test/helpers/skip.ts) counts as skipped and its reason is printed; a test file
 * that declares no suite run (a forgotten `test.run()`) counts as a failure.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { skippedTests } from "./helpers/skip.ts";

/** What uvu's per-suite runner resolves to: its errors text (or `true`), tests passed, skipped, and run. */
type Outcome = [errors: string | true, passed: number, skipped: number, total: number];
type SuiteRun = () => Promise<Outcome>;
/** One group per test file: its name, then one runner per `suite.run()` call. */
type Group = [name: string | null, ...runs: SuiteRun[]];

interface UvuGlobals {
  UVU_DEFER?: number;
  UVU_INDEX?: number;
  UVU_QUEUE?: Group[];
}

const uvuGlobals = globalThis as typeof globalThis & UvuGlobals;
const runtime = "Bun" in globalThis ? "bun" : "Deno" in globalThis ? "deno" : "node";
const testDir = fileURLToPath(new URL(".", import.meta.url));

const patterns = process.argv.slice(2).map((p) => {
  try {
    return new RegExp(p);
  } catch (error) {
    console.error(`Cannot use pattern "${p}": ${(error as Error).message}. Patterns are regular expressions.`);
    process.exit(2);
  }
});
const files = readdirSync(testDir)
  .filter((name) => name.endsWith(".test.ts"))
  .filter((name) => patterns.length === 0 || patterns.some((p) => p.test(name)))
  .sort();

if (files.length === 0) {
  const which = patterns.length ? ` matching ${patterns.join(" or ")}` : "";
  console.error(`No test files${which} in ${testDir}`);
  process.exit(1);
}

const counts = { passed: 0, failed: 0, skipped: 0 };

// An error thrown from a timer, or a rejected promise nobody awaits, belongs to
// no test: Deno would die of it, and Bun would print it and carry on (the exit
// below would then hide it). Count it as a failure under both.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    counts.failed++;
    console.error(`\n${event}, where no test awaited it:\n${error instanceof Error ? error.stack : error}\n`);
  });
}

// UVU_DEFER must be set before uvu is first evaluated: it makes `suite.run()`
// queue its runner instead of scheduling uvu's own exec() on a timer. Hence a
// dynamic import, which runs after this line (static ones would be hoisted).
uvuGlobals.UVU_DEFER = 1;
const { exec } = await import("uvu");
const queue = uvuGlobals.UVU_QUEUE!;

for (const [index, file] of files.entries()) {
  uvuGlobals.UVU_INDEX = index;
  queue.push([file]);
  try {
    await import(pathToFileURL(join(testDir, file)).href);
  } catch (error) {
    counts.failed++;
    console.error(`\n${file} failed to load:\n${error instanceof Error ? error.stack : error}\n`);
    continue;
  }
  // uvu runs nothing of a file whose suites never call run(): its tests would vanish.
  if (queue[index].length < 2) {
    counts.failed++;
    console.error(`\n${file} runs no suite: it declares no test.run()\n`);
  }
}

// exec() prints uvu's report but returns nothing, and uvu keeps no totals we
// can read afterwards. Each queued runner resolves to its suite's counts, so
// wrapping the runners is how the numbers are taken.
for (const group of queue) {
  for (let i = 1; i < group.length; i++) group[i] = counted(group[i] as SuiteRun, group[0]);
}

/** Tests that skipped themselves, with their file and reason. */
const skips: { file: string | null; test: string; reason: string }[] = [];

function counted(run: SuiteRun, file: string | null): SuiteRun {
  return async () => {
    const skipsSeen = skippedTests().length;
    let outcome: Outcome;
    try {
      outcome = await run();
    } catch (error) {
      // A throwing `after` hook escapes uvu's runner and would abort exec(),
      // skipping every later suite; report it as one failure instead.
      counts.failed++;
      const stack = error instanceof Error ? error.stack : String(error);
      return [`  an after hook of a suite in ${file} threw:\n    ${stack}\n`, 0, 0, 0];
    }
    const [errors, ran, declinedByUvu, total] = outcome;
    // Tests that skipped themselves ran to their end, so uvu counts them as passed.
    const mine = skippedTests().splice(skipsSeen).map((s) => ({ ...s, file }));
    const passed = ran - mine.length;
    const skipped = declinedByUvu + mine.length;
    skips.push(...mine);
    for (const s of mine) console.log(`  skipped "${s.test}": ${s.reason}`);
    counts.passed += passed;
    counts.skipped += skipped;
    counts.failed += total - ran;
    if (total === 0 && declinedByUvu === 0) {
      // A suite that skips all its tests with uvu's test.skip says so; one with none is a mistake.
      counts.failed++;
      return [`  ${file} declares a suite with no test\n`, 0, skipped, 0];
    }
    if (errors === true && ran < total) {
      // uvu returns no error text when a `before` hook throws; its tests
      // then neither pass nor fail in its report, and would go unnoticed.
      return [`  ${total - ran} test(s) in ${file} did not run: a before hook threw\n`, passed, skipped, total];
    }
    return [errors, passed, skipped, total];
  };
}

await exec();

if (skips.length) {
  console.log(`\nSkipped under ${runtime}, with the reason:`);
  for (const s of skips) console.log(`  ${s.file} › ${s.test}: ${s.reason}`);
}
const total = counts.passed + counts.failed;
if (total === 0) console.error("No tests ran: no test file called `test.run()`.");
const summary = `${runtime}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`;
// Wait until stdout has taken everything: Bun drops what is still queued for
// a full pipe when process.exit() runs.
await new Promise((resolve) => process.stdout.write(summary, resolve));
// Exit explicitly: a test that leaves a worker or timer behind must not hang the suite.
process.exit(counts.failed > 0 || total === 0 ? 1 : 0);
