/**
 * Matchers for memory results in ordinary `bun test` tests: `toPeakBelow`, `toTreePeakBelow`
 * (results of `measure()`, or case results) and `toGrowBelow` (case results), registered with
 * `expect.extend` when memassert/bun is imported (or preloaded), and typed on `bun:test`'s
 * `Matchers`. Bun prints its own `expect(received).toPeakBelow(…)` line above a failure, so
 * the message is only the verdict.
 */
import { expect } from "bun:test";
import { parseBytes } from "../../runner/budget/bytes.ts";
import type { CaseResult } from "../../runner/budget/types.ts";
import { isOver, overLimit, withinLimit } from "../../runner/budget/verdict.ts";
import type { MeasureResult } from "../../runner/measure/result.ts";

/** Units a size may have: powers of 1024 (KiB…) or of 1000 (kB…), or bytes. */
export type SizeUnit = "B" | "KiB" | "MiB" | "GiB" | "TiB" | "kB" | "KB" | "MB" | "GB" | "TB";
/** A size: a number of bytes, or a number and a unit, with or without a space ("64 MiB", "1.5GB"). */
export type Size = number | `${number}` | `${number}${SizeUnit}` | `${number} ${SizeUnit}`;

declare module "bun:test" {
  interface Matchers<T> {
    /** The peak RSS of a `measure()` result's root process (or a case result's peak) is at most `limit`. */
    toPeakBelow(limit: Size): void;
    /** The peak RSS of a `measure()` result's whole tree (or a case result's tree) is at most `limit`. */
    toTreePeakBelow(limit: Size): void;
    /** A case result's growth (its peak above the RSS it started with) is at most `limit`. */
    toGrowBelow(limit: Size): void;
  }
}

type Figure = { what: string; figure: number; prefix: string };

function isMeasure(v: unknown): v is MeasureResult {
  const r = v as MeasureResult;
  return r !== null && typeof r === "object" && typeof r.root?.peakRss === "number" && typeof r.tree?.peakRss === "number";
}

function isCase(v: unknown): v is CaseResult {
  const r = v as CaseResult;
  return r !== null && typeof r === "object" && typeof r.name === "string" && "growth" in r && "peak" in r;
}

function figureOf(matcher: string, received: unknown, pick: "peak" | "tree" | "growth"): Figure {
  if (pick !== "growth" && isMeasure(received)) {
    const figure = pick === "peak" ? received.root.peakRss : received.tree.peakRss;
    return { what: pick === "peak" ? "root peak" : "tree peak", figure, prefix: `${received.argv.join(" ")}: ` };
  }
  if (isCase(received)) {
    const figure = pick === "peak" ? received.peak : pick === "tree" ? received.treePeak : received.growth;
    if (figure === null) throw new TypeError(`${matcher}: case "${received.name}" has no ${pick} figure (it ${received.status}${received.failure ? `: ${received.failure}` : ""})`);
    return { what: pick === "tree" ? "tree peak" : pick, figure, prefix: `${received.name}: ` };
  }
  const wants = pick === "growth" ? "a case result" : "the result of measure() or a case result";
  throw new TypeError(`${matcher} expects ${wants}, got ${received === null ? "null" : typeof received}`);
}

function check(name: string, pick: "peak" | "tree" | "growth", received: unknown, limit: unknown) {
  const bytes = parseBytes(limit as string | number);
  const f = figureOf(name, received, pick);
  const over = isOver(f.figure, bytes);
  const l = { what: f.what, figure: f.figure, limit: bytes };
  return { pass: !over, message: () => f.prefix + (over ? overLimit(l) : withinLimit(l)) };
}

// Methods written out: Bun's `expect(received).NAME(limit)` line takes the name and the
// parameter from the function's own source.
expect.extend({
  toPeakBelow(received: unknown, limit: unknown) {
    return check("toPeakBelow", "peak", received, limit);
  },
  toTreePeakBelow(received: unknown, limit: unknown) {
    return check("toTreePeakBelow", "tree", received, limit);
  },
  toGrowBelow(received: unknown, limit: unknown) {
    return check("toGrowBelow", "growth", received, limit);
  },
});
