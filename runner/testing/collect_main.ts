/**
 * Entry point of the process that loads test files to list their cases, when memassert is not
 * one compiled executable (which runs `memassert __collect` instead): `collect_main.ts OUT REQUEST`.
 */
import { listFiles } from "./list.ts";

const g = globalThis as { Deno?: { args: string[] } };
const [out, request] = g.Deno ? g.Deno.args : process.argv.slice(2);
await listFiles(out, request);
process.exit(0);
