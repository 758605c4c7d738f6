/**
 * Stress runs, on demand (not part of `npm test`): many interrupts at random moments and many
 * timeout storms, counting hangs. `bun test/stress/run.ts [RUNS]` (default 50 each), with
 * dist/memassert built. Prints one line per scenario and exits 1 if anything hung.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXE = `${ROOT}dist/memassert`;
const RUNS = Number(process.argv[2] ?? 50);

/** Runs memassert with `args`; `poke` may signal it; resolves to its status, or "hung" after `limitMs`. */
function run(args: string[], limitMs: number, poke?: (pid: number) => void): Promise<number | string> {
  const child = spawn(EXE, args, { cwd: ROOT, stdio: "ignore" });
  poke?.(child.pid!);
  return Promise.race([
    new Promise<number | string>((done) => child.on("exit", (code, signal) => done(code ?? signal ?? "?"))),
    new Promise<string>((done) => setTimeout(() => done("hung"), limitMs)),
  ]).then((status) => {
    if (status === "hung") child.kill("SIGKILL");
    return status;
  });
}

async function scenario(name: string, make: () => Promise<number | string>, ok: (s: number | string) => boolean): Promise<number> {
  const seen = new Map<string, number>();
  let hung = 0;
  for (let i = 0; i < RUNS; i++) {
    const s = await make();
    if (s === "hung") hung++;
    if (!ok(s)) seen.set(String(s), (seen.get(String(s)) ?? 0) + 1);
  }
  const odd = [...seen].map(([s, n]) => `${n}× ${s}`).join(", ");
  console.log(`${name}: ${RUNS} runs, ${hung} hung${odd ? `, unexpected: ${odd}` : ""}`);
  return hung;
}

const forks = ["run", "--", "sh", "-c", "for i in $(seq 1 300); do sleep 3 & done; wait"];
const storm = ["test", "-j", "2", "test/fixtures/mem/storm/alloc.mem.ts"];
let hung = 0;
hung += await scenario("Ctrl-C 10–90 ms into a fork storm", () =>
  run(forks, 10_000, (pid) => setTimeout(() => process.kill(pid, "SIGINT"), 10 + Math.random() * 80)), (s) => s === 130 || s === "SIGINT");
hung += await scenario("16 cases killed by 40–157 ms timeouts", () => run(storm, 60_000), (s) => s === 1);
process.exit(hung > 0 ? 1 : 0);
