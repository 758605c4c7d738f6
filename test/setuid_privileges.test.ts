/**
 * Setuid programs and memassert's seccomp filter: a memassert with CAP_SYS_ADMIN (root)
 * installs the filter without no_new_privs, so a setuid program runs as its owner, as it would
 * untraced; one without CAP_SYS_ADMIN must set no_new_privs, and then says that the program
 * ran without gaining privileges.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliCommand, runCli } from "./helpers/cli.ts";

const NOBODY = 65534;

/** A copy of `id` owned by nobody, setuid (the suite runs as root, as CI does). */
function setuidId(dir: string): string {
  assert.is(process.getuid?.(), 0, "this test makes a setuid program owned by nobody: run the suite as root");
  const id = join(dir, "id");
  copyFileSync("/usr/bin/id", id);
  chownSync(id, NOBODY, NOBODY);
  chmodSync(id, 0o4755);
  return id;
}

test("with CAP_SYS_ADMIN a setuid program runs as its owner; without, it runs unprivileged and memassert says so", () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-suid-"));
  try {
    const id = setuidId(dir);
    assert.is(spawnSync(id, ["-u"], { encoding: "utf8" }).stdout.trim(), String(NOBODY), "untraced, it runs as nobody");
    const r = runCli(["run", "--quiet", "--", id, "-u"]);
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout.trim(), String(NOBODY), "traced by root, it still runs as nobody");
    assert.is(r.stderr, "");

    const [exe, ...lead] = cliCommand();
    const limited = spawnSync("setpriv", ["--bounding-set=-sys_admin", exe, ...lead, "run", "--quiet", "--", id, "-u"], { encoding: "utf8" });
    assert.is(limited.error, undefined, "setpriv (util-linux) runs memassert without CAP_SYS_ADMIN");
    assert.is(limited.status, 0, limited.stderr);
    assert.is(limited.stdout.trim(), "0", "without CAP_SYS_ADMIN, no_new_privs keeps it root");
    assert.match(limited.stderr, new RegExp(`^memassert: warning: ${id} is setuid, but ran without gaining privileges`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
