/** Starting the memassert executable from a Node (or Bun) test process. */
import { spawn } from "node:child_process";
import type { Answer } from "./remote.ts";

/** Runs `cmd` with `input` on its stdin, kept open until it exits; `code` is null when `cmd[0]` does not exist. */
export function spawnNode(cmd: string[], input: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => stdout += d);
    child.stderr.setEncoding("utf8").on("data", (d: string) => stderr += d);
    child.stdin.on("error", () => {}); // an executable that exits early closes its end
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") resolve({ code: null, stdout: "", stderr: "" });
      else reject(error);
    });
    child.on("close", (code) => {
      child.stdin.destroy();
      resolve({ code: code ?? 128, stdout, stderr });
    });
    child.stdin.write(input);
  });
}
