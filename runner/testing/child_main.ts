/** Entry point of a case's process when memassert runs from source: `child_main.ts FILE INDEX NAME OUT`. */
import { runCase } from "./child.ts";

const g = globalThis as { Deno?: { args: string[] } };
const [file, index, name, out] = g.Deno ? g.Deno.args : process.argv.slice(2);
await runCase(file, Number(index), name, out);
process.exit(0);
