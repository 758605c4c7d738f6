/**
 * Entry point of a case's process when memassert is not one compiled executable (which runs
 * `memassert __case` instead): `case_main.ts FILE INDEX NAME OUT`.
 */
import { runCase } from "./child.ts";

const g = globalThis as { Deno?: { args: string[] } };
const [file, index, name, out] = g.Deno ? g.Deno.args : process.argv.slice(2);
await runCase(file, Number(index), name, out);
process.exit(0);
