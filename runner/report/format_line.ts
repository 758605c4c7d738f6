/**
 * `memassert run --format STRING`: a summary line of one's own, written as for GNU time's
 * `-f`: its `%` letters mean what they mean there (over the whole tree, as time counts the
 * children it waited for), and `%{path}` names any field of the `--json` result.
 *
 * @module
 */
import { formatBytes } from "../budget/bytes.ts";
import type { MeasureResult, Usage } from "../measure/result.ts";
import { signalNumber } from "../measure/signals.ts";
import { commandLine } from "./summary.ts";

/** Each `%` letter, what it gives (for --help and errors) and how. */
export const FORMAT_LETTERS: Readonly<Record<string, { help: string; get: (r: MeasureResult) => string }>> = {
  e: { help: "elapsed wall-clock time, seconds", get: (r) => seconds(r.wallMs) },
  E: { help: "elapsed wall-clock time, [hours:]minutes:seconds", get: (r) => clock(r.wallMs) },
  U: { help: "user CPU time of the tree, seconds", get: (r) => seconds(r.tree.usage.userMs) },
  S: { help: "system CPU time of the tree, seconds", get: (r) => seconds(r.tree.usage.systemMs) },
  P: { help: "CPU percentage: (user + system) / elapsed", get: (r) => percent(r.tree.usage, r.wallMs) },
  M: { help: "peak RSS of the tree in KiB (GNU time: the largest process's ru_maxrss)", get: (r) => kib(r.tree.peakRss) },
  R: { help: "minor page faults of the tree", get: (r) => String(r.tree.usage.minorFaults) },
  F: { help: "major page faults of the tree", get: (r) => String(r.tree.usage.majorFaults) },
  w: { help: "voluntary context switches of the tree", get: (r) => String(r.tree.usage.voluntarySwitches) },
  c: { help: "involuntary context switches of the tree", get: (r) => String(r.tree.usage.involuntarySwitches) },
  I: { help: "blocks of 512 bytes read from storage by the tree", get: (r) => String(Math.floor(r.tree.usage.readBytes / 512)) },
  O: { help: "blocks of 512 bytes written to storage by the tree", get: (r) => String(Math.floor(r.tree.usage.writeBytes / 512)) },
  x: { help: "exit status of the command (128+N for signal N)", get: (r) => exitStatus(r) },
  C: { help: "the command and its arguments", get: (r) => commandLine(r.argv) },
};

/** Named `%{...}` placeholders for people, beside the fields of the result. */
export const FORMAT_NAMES: Readonly<Record<string, { help: string; get: (r: MeasureResult) => string }>> = {
  peak: { help: "peak RSS of the root, in IEC units (64.0 MiB)", get: (r) => formatBytes(r.root.peakRss) },
  tree: { help: "peak RSS of the tree, in IEC units", get: (r) => formatBytes(r.tree.peakRss) },
  treePss: { help: "peak PSS of the tree, in IEC units", get: (r) => formatBytes(r.tree.peakPss) },
};

/** Top-level fields of a MeasureResult that `%{path}` may start with. */
const FIELDS = new Set([
  "version", "argv", "exitCode", "signal", "wallMs", "mode", "approximate", "interrupted", "root", "tree", "processes", "stops", "kernel",
]);

/** One piece of a parsed format: literal text, or a placeholder. */
type Piece = { text: string } | { letter: string } | { name: string } | { path: string[] };

/**
 * Parses a format, or throws a SyntaxError naming what is wrong in it: an unknown `%`
 * letter, an unclosed `%{`, a `%{path}` that starts with no field of the result.
 */
export function parseFormat(format: string): Piece[] {
  const pieces: Piece[] = [];
  let text = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === "\\" && i + 1 < format.length) {
      const escaped = { n: "\n", t: "\t", "\\": "\\" }[format[i + 1]];
      if (escaped !== undefined) {
        text += escaped;
        i++;
        continue;
      }
    }
    if (c !== "%") {
      text += c;
      continue;
    }
    const next = format[++i];
    if (next === "%") {
      text += "%";
      continue;
    }
    if (text) pieces.push({ text });
    text = "";
    if (next === "{") {
      const end = format.indexOf("}", i);
      if (end < 0) throw new SyntaxError(`"%{" at ${i - 1} is not closed with "}"`);
      const name = format.slice(i + 1, end);
      const path = name.split(".");
      if (!(name in FORMAT_NAMES) && !FIELDS.has(path[0])) {
        throw new SyntaxError(`unknown placeholder %{${name}} (use ${Object.keys(FORMAT_NAMES).map((n) => `%{${n}}`).join(", ")}, or a field of the --json result such as %{tree.peakRss})`);
      }
      pieces.push(name in FORMAT_NAMES ? { name } : { path });
      i = end;
      continue;
    }
    if (next === undefined || !(next in FORMAT_LETTERS)) {
      throw new SyntaxError(`unknown placeholder %${next ?? ""} (use one of ${Object.keys(FORMAT_LETTERS).map((l) => `%${l}`).join(" ")}, %{name}, or %% for a %)`);
    }
    pieces.push({ letter: next });
  }
  if (text) pieces.push({ text });
  return pieces;
}

/**
 * The line `format` makes of `r` (no newline added). A field that the result does not have
 * is written "?", as time writes an unknown figure.
 *
 * @example
 * ```ts
 * formatLine("%e s  %M KiB  %{peak}  %x", result); // "1.24 s  263275 KiB  256.3 MiB  0"
 * ```
 */
export function formatLine(format: string, r: MeasureResult): string {
  return parseFormat(format).map((p) => {
    if ("text" in p) return p.text;
    if ("path" in p) return valueAt(r, p.path);
    return "name" in p ? FORMAT_NAMES[p.name].get(r) : FORMAT_LETTERS[p.letter].get(r);
  }).join("");
}

function valueAt(r: MeasureResult, path: string[]): string {
  let v: unknown = r;
  for (const key of path) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  if (v === undefined) return "?";
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function clock(ms: number): string {
  const s = ms / 1000, h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  const rest = (s % 60).toFixed(2).padStart(5, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

function percent(u: Usage, wallMs: number): string {
  return wallMs > 0 ? `${Math.round((100 * (u.userMs + u.systemMs)) / wallMs)}%` : "?%";
}

function kib(bytes: number): string {
  return String(Math.round(bytes / 1024));
}

function exitStatus(r: MeasureResult): string {
  if (r.exitCode !== null) return String(r.exitCode);
  const n = r.signal === null ? undefined : signalNumber(r.signal);
  return n === undefined ? "?" : String(128 + n);
}
