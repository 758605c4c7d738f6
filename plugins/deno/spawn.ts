/** Starting the memassert executable from a Deno test process, which needs --allow-run for it and nothing else. */
import type { Answer } from "../common/remote.ts";

/** Runs `cmd` with `input` on its stdin; `code` is null when `cmd[0]` does not exist. */
export async function spawnDeno(cmd: string[], input: string): Promise<Answer> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(cmd[0], { args: cmd.slice(1), stdin: "piped", stdout: "piped", stderr: "piped" }).spawn();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { code: null, stdout: "", stderr: "" };
    throw error;
  }
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(input));
  const out = await child.output();
  await writer.close().catch(() => {});
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** The flag to add when running `command` is not allowed, or null when it is. */
export async function missingRunPermission(command: string): Promise<string | null> {
  const status = await Deno.permissions.query({ name: "run", command });
  return status.state === "granted" ? null : `--allow-run (or --allow-run=${command})`;
}

/** The variable's value when reading it is allowed (it never prompts). */
export function envIfAllowed(name: string): string | undefined {
  if (Deno.permissions.querySync({ name: "env", variable: name }).state !== "granted") return undefined;
  return Deno.env.get(name);
}
