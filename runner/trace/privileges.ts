/**
 * Privileges and the seccomp filter. Installing a filter needs either no_new_privs, which
 * keeps setuid and setgid programs and file capabilities from taking effect, or CAP_SYS_ADMIN.
 * A memassert with CAP_SYS_ADMIN keeps privileges working; one without says when a program
 * it traced would have gained privileges and did not.
 */
import type { Libc } from "../../ffi/mod.ts";
import { nodeFs } from "./files.ts";
import { cPath, readProc } from "./procfs.ts";

const CAP_SYS_ADMIN = 21;
const S_ISUID = 0o4000, S_ISGID = 0o2000;
const CAPABILITY_XATTR = cPath("security.capability");

/** Whether this process has CAP_SYS_ADMIN in its effective set. */
export function hasCapSysAdmin(): boolean {
  const m = /\nCapEff:\s*([0-9a-f]+)/.exec(readProc("/proc/self/status") ?? "");
  return m !== null && (BigInt(`0x${m[1]}`) >> BigInt(CAP_SYS_ADMIN)) % 2n === 1n;
}

/** What privileges the program that `pid` now runs would gain by its exec, or null for none. */
export function gainedPrivileges(libc: Libc, pid: number): string | null {
  const exe = `/proc/${pid}/exe`;
  let mode: number;
  try {
    mode = nodeFs().statSync(exe).mode;
  } catch {
    return null;
  }
  const what = [mode & S_ISUID ? "setuid" : "", mode & S_ISGID ? "setgid" : "", libc.xattrSize(cPath(exe), CAPABILITY_XATTR) > 0 ? "file capabilities" : ""];
  const found = what.filter((w) => w !== "");
  return found.length > 0 ? found.join(", ") : null;
}

/** The warning for a program that ran without the privileges it would have had. */
export function privilegesWarning(argv0: string, what: string): string {
  return `${argv0} is ${what === "file capabilities" ? "given file capabilities" : what}, but ran without ` +
    "gaining privileges: memassert's seccomp filter needs no_new_privs when memassert lacks " +
    "CAP_SYS_ADMIN (run memassert as root, or with CAP_SYS_ADMIN, for them to apply)";
}

/** Collects the privileges warnings of a run, once per program. */
export class PrivilegeWatch {
  readonly warnings: string[] = [];
  private readonly seen = new Set<string>();

  /** `keepPrivileges`: the filter was installed without no_new_privs, so nothing is lost. */
  constructor(private readonly keepPrivileges: boolean) {}

  /** After process `pid` exec'd `argv`: under no_new_privs, says when it ran unprivileged. */
  check(libc: Libc, pid: number, argv: string[] | undefined): void {
    if (this.keepPrivileges) return;
    const what = gainedPrivileges(libc, pid);
    const argv0 = argv?.[0] ?? String(pid);
    if (what === null || this.seen.has(argv0)) return;
    this.seen.add(argv0);
    this.warnings.push(privilegesWarning(argv0, what));
  }
}
