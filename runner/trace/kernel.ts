/**
 * Which kernel memassert runs on, as far as reading RSS goes. `/proc/PID/statm`
 * is read at every stop because it is cheap, but it is only as exact as the
 * counters behind it, and those changed twice:
 *
 * - before 6.2 each thread keeps up to 64 page faults' worth of RSS changes
 *   in a private cache (mm/memory.c `add_mm_counter_fast`, synced by
 *   `check_sync_rss_stat` every 64 faults, and at exec and exit): statm reads
 *   low, never high ("lagging");
 * - 6.2 made the counters per-CPU, and /proc read only their global part:
 *   off by up to a batch of pages per CPU, either way ("approximate");
 * - 6.16 ("mm: fix the inaccurate memory statistics issue for users", also
 *   taken into some stable kernels, such as Debian's 6.12) makes /proc sum the
 *   per-CPU parts ("exact").
 *
 * Where a version number cannot tell (6.2–6.15, and kernels that carry
 * backports), a probe faults a known number of pages and watches statm.
 */
import { type Libc, loadLibc, O, PAGE } from "../../ffi/mod.ts";
import { readText } from "./files.ts";
import { cPath } from "./procfs.ts";
import { KERNEL_RSS_ENV, type KernelInfo, kernelEnvProblem, type RssCounting } from "./types.ts";

export type { KernelInfo, RssCounting } from "./types.ts";

/** A release's major and minor version as one number (6.1 is 6001), 0 when it has none. */
export function versionOf(release: string): number {
  const m = /^(\d+)\.(\d+)/.exec(release);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : 0;
}

/** The counting a release's version implies, or null where only a probe can tell. */
export function countingOf(release: string): RssCounting | null {
  const version = versionOf(release);
  if (version === 0) return null;
  if (version >= 6016) return "exact";
  if (version < 6002) return "lagging";
  return null;
}

/** CPUs online, which the per-CPU counters' error grows with. */
export function onlineCpus(): number {
  // "0-3,8-11"; without sysfs, what the runtime sees.
  const online = readText("/sys/devices/system/cpu/online");
  let n = 0;
  for (const range of online?.trim().split(",") ?? []) {
    const [a, b] = range.split("-").map(Number);
    n += b === undefined ? 1 : b - a + 1;
  }
  if (n > 0) return n;
  return Math.max(1, navigator.hardwareConcurrency ?? 1);
}

/** `uname -r`, from /proc. */
export function kernelRelease(): string {
  return readText("/proc/sys/kernel/osrelease")?.trim() || "unknown";
}

/**
 * Finds how this kernel counts RSS. MEMASSERT_KERNEL_RSS=lagging or
 * approximate makes memassert read as carefully as on such a kernel;
 * MEMASSERT_KERNEL_RSS=probe runs the probe whatever the version says.
 * Without `libc` (no FFI) the probe cannot run, and an unknown version counts
 * as approximate, the case that needs the most care.
 */
export function detectKernel(libc: Libc | null, env: string | undefined = process.env[KERNEL_RSS_ENV]): KernelInfo {
  const release = kernelRelease();
  if (env === "lagging" || env === "approximate") return { release, rss: env, by: "environment" };
  const problem = kernelEnvProblem(env);
  if (problem !== null) throw new RangeError(problem);
  const byVersion = countingOf(release);
  if (byVersion === "exact" && env !== "probe") return { release, rss: "exact", by: "version" };
  // The kernel does not change under a running process: one probe is enough (a test
  // run traces many cases from the same Workers).
  if (probed === undefined && libc !== null) {
    // Other threads of this process can blur the probe: a second try settles most of those.
    probed = probeCounting(libc) ?? probeCounting(libc);
  }
  if (probed) return { release, rss: probed, by: "probe" };
  return { release, rss: byVersion ?? "approximate", by: "version" };
}

/** What the probe found in this thread, once it has run; null when it could not tell. */
let probed: RssCounting | null | undefined;

/** {@link detectKernel} for code that has no libc at hand: loads it only when the version cannot tell. */
export async function detectKernelLoading(): Promise<KernelInfo> {
  const env = process.env[KERNEL_RSS_ENV];
  const needsProbe = env === "probe" || (countingOf(kernelRelease()) === null && env !== "lagging" && env !== "approximate");
  return detectKernel(needsProbe ? await loadLibc().catch(() => null) : null, env);
}

/** Pages the probe faults in each round: fewer than a per-CPU batch (32 or more), so an approximate counter keeps them all. */
const PROBE_PAGES = 16;
const ROUNDS = 5;
const MADV_DONTNEED = 4;

/**
 * Watches this process's statm while this thread faults PROBE_PAGES fresh
 * pages (`rise`), then frees one other page (`net`, from before the faults):
 *
 * - exact: the faults show at once (rise 16), the free too (net 15);
 * - lagging (before 6.2): the faults wait in this thread's cache (rise 0),
 *   until the free, which syncs the cache first (add_mm_rss_vec): net 16;
 * - approximate: faults and free stay in this CPU's part (rise 0, net 0),
 *   unless the part spills over, by a batch of 32 pages or more.
 *
 * Other threads of this process can blur a round, so the majority of
 * ROUNDS decides; null when there is none.
 */
export function probeCounting(libc: Libc): RssCounting | null {
  const buffer = new Uint8Array(new ArrayBuffer((PROBE_PAGES + 2) * PAGE));
  const base = Number(libc.address(buffer));
  const skip = (PAGE - (base % PAGE)) % PAGE;
  const start = base + skip, other = start + PROBE_PAGES * PAGE;
  const fd = libc.open(cPath("/proc/self/statm"), O.RDONLY | O.CLOEXEC);
  if (fd < 0) return null;
  const statm = new Uint8Array(new ArrayBuffer(128));
  const pages = (): number => {
    const n = libc.pread(fd, statm, statm.length, 0);
    let i = 0, value = 0;
    while (i < n && statm[i] !== 32) i++;
    for (i++; i < n && statm[i] !== 32; i++) value = value * 10 + statm[i] - 48;
    return value;
  };
  const votes: Record<RssCounting, number> = { exact: 0, lagging: 0, approximate: 0 };
  try {
    // Pages already mapped in mean a page table is there, so no fault below maps a huge page.
    buffer.fill(1);
    pages();
    for (let round = 0; round < ROUNDS; round++) {
      if (libc.madvise(start, (PROBE_PAGES + 1) * PAGE, MADV_DONTNEED) !== 0) return null;
      buffer[skip + PROBE_PAGES * PAGE] = 1;
      const before = pages();
      for (let i = 0; i < PROBE_PAGES; i++) buffer[skip + i * PAGE] = 1;
      const faulted = pages();
      if (libc.madvise(other, PAGE, MADV_DONTNEED) !== 0) return null;
      const rise = faulted - before, net = pages() - before;
      if (rise === PROBE_PAGES && net === PROBE_PAGES - 1) votes.exact++;
      else if (rise === 0 && net === PROBE_PAGES) votes.lagging++;
      else if (net === rise && (rise === 0 || Math.abs(rise) >= 32)) votes.approximate++;
    }
  } finally {
    libc.close(fd);
  }
  const best = (Object.keys(votes) as RssCounting[]).sort((a, b) => votes[b] - votes[a])[0];
  return votes[best] * 2 > ROUNDS ? best : null;
}
