/**
 * /proc/PID/smaps, read into the mappings that hold a process's memory: its heap, each
 * anonymous mapping, each file (all its mappings together), each piece of shared memory,
 * its stack. Parsing is pure; the tracer reads the text (procfs.ts) at the peaks it
 * explains (explain.ts).
 */

/** What kind of memory a mapping is. */
export type MappingKind = "heap" | "anon" | "file" | "shmem" | "stack" | "special";

/** One mapping, or every mapping of one file or one piece of shared memory. */
export interface Mapping {
  kind: MappingKind;
  /**
   * The path of a file or of shared memory (`/dev/zero (deleted)` for `MAP_SHARED|MAP_ANONYMOUS`,
   * `/memfd:NAME (deleted)`, `/SYSV…` for System V), `[heap]`, `[stack]`, `[anon]` for an
   * anonymous mapping (`[anon:NAME]` when named with `PR_SET_VMA`), or the kernel's `[vdso]`…
   */
  name: string;
  /** Address where it starts (the lowest, for a file), in hexadecimal. */
  start: string;
  /** How many mappings of smaps this entry sums (a library maps several parts of its file). */
  mappings: number;
  /** Virtual size: the address space it covers, resident or not. */
  size: number;
  /** Resident bytes. */
  rss: number;
  /** Proportional bytes: its shared pages divided among the processes that map them. */
  pss: number;
}

/** What the listed mappings of a process leave out. */
export interface MappingRest {
  mappings: number;
  rss: number;
  pss: number;
}

const HEADER = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+ *(.*)$/;
const SHMEM = /^\/(?:dev\/zero|SYSV[0-9a-f]+|memfd:.*|dev\/shm\/.*) \(deleted\)$|^\/dev\/shm\/|^\[anon_shmem:/;
const SPECIAL = new Set(["[vdso]", "[vvar]", "[vvar_vclock]", "[vsyscall]", "[uprobes]"]);

/** The kind of a mapping from the name smaps gives it. */
export function kindOf(name: string): MappingKind {
  if (name === "" || name.startsWith("[anon:")) return "anon";
  if (name === "[heap]") return "heap";
  if (name === "[stack]") return "stack";
  if (SHMEM.test(name)) return "shmem";
  if (SPECIAL.has(name) || name.startsWith("[")) return "special";
  return "file";
}

/**
 * Every mapping of an smaps text, those of one file (or one piece of shared memory) summed
 * into one entry; anonymous mappings stay one entry each, so that one large allocation
 * stands out as itself. Unsorted.
 *
 * @example
 * ```ts
 * parseSmaps(readFileSync("/proc/self/smaps", "latin1"));
 * // [{ kind: "file", name: "/usr/lib/x86_64-linux-gnu/libc.so.6", start: "7f3c…", mappings: 5, size: 2068480, rss: 1298432, pss: 41216 }, …]
 * ```
 */
export function parseSmaps(text: string): Mapping[] {
  const out: Mapping[] = [];
  const byName = new Map<string, Mapping>();
  let current: Mapping | null = null;
  for (const line of text.split("\n")) {
    const header = HEADER.exec(line);
    if (header !== null) {
      const [, from, to, path] = header;
      const kind = kindOf(path);
      const size = parseInt(to, 16) - parseInt(from, 16);
      const grouped = kind === "file" || kind === "shmem" || kind === "special" ? byName.get(path) : undefined;
      if (grouped !== undefined) {
        grouped.mappings++;
        grouped.size += size;
        current = grouped;
        continue;
      }
      current = { kind, name: path === "" ? "[anon]" : path, start: from, mappings: 1, size, rss: 0, pss: 0 };
      out.push(current);
      if (kind === "file" || kind === "shmem" || kind === "special") byName.set(path, current);
    } else if (current !== null && line.startsWith("Rss:")) {
      current.rss += kib(line);
    } else if (current !== null && line.startsWith("Pss:")) {
      current.pss += kib(line);
    }
  }
  return out;
}

/**
 * The `limit` largest entries by RSS (then PSS, then size), and what the others hold
 * together: the listed and the rest add up to the process's RSS and PSS.
 */
export function largest(mappings: Mapping[], limit: number): { top: Mapping[]; rest: MappingRest } {
  const sorted = [...mappings].sort((a, b) => b.rss - a.rss || b.pss - a.pss || b.size - a.size);
  const top = sorted.slice(0, limit);
  const rest: MappingRest = { mappings: 0, rss: 0, pss: 0 };
  for (const m of sorted.slice(limit)) {
    rest.mappings += m.mappings;
    rest.rss += m.rss;
    rest.pss += m.pss;
  }
  return { top, rest };
}

/** Bytes of a "Key:   123 kB" line. */
function kib(line: string): number {
  let n = 0;
  for (let i = line.indexOf(":") + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) n = n * 10 + c - 48;
    else if (n > 0) break;
  }
  return n * 1024;
}
