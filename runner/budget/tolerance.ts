/**
 * How far a case may move from its baseline before it counts as a regression: a relative part
 * and an absolute part, `"+10% 1MiB"`, separately for peak and growth. A figure regresses when
 * `now > baseline × (1 + relative) + absolute`.
 *
 * Both parts matter: the relative one scales with big cases, the absolute one keeps small
 * cases (where a few pages are several percent) from failing on noise.
 *
 * @module
 */
import { formatBytes, parseBytes } from "./bytes.ts";

/** One metric's tolerance. */
export interface Tolerance {
  /** Fraction of the baseline allowed on top of it: 0.1 for 10 %. */
  relative: number;
  /** Bytes allowed on top of the relative part. */
  absolute: number;
  /** Where it was set, to say where to change it. */
  source: string;
}

/** The tolerances of a case: its peak (also used for a command's tree peak), and its growth. */
export interface Tolerances {
  peak: Tolerance;
  growth: Tolerance;
}

/** What a user writes: one text for both metrics, or one per metric. */
export type ToleranceOption = string | { peak?: string; growth?: string };

const MiB = 2 ** 20;

/** Where a built-in default comes from, as messages say it. */
export const DEFAULT_SOURCE = "memassert's default";

/** The built-in tolerances: 10 % and 1 MiB for peak, 10 % and 256 KiB for growth. */
export const DEFAULT_TOLERANCE: Readonly<Tolerances> = Object.freeze({
  peak: { relative: 0.1, absolute: MiB, source: DEFAULT_SOURCE },
  growth: { relative: 0.1, absolute: MiB / 4, source: DEFAULT_SOURCE },
});

const PERCENT = /(?:^|\s)\+?(\d+(?:\.\d+)?|\.\d+)\s*%/;

/**
 * Parses a tolerance: a percentage (`+10%`, `5 %`), a size (`1MiB`, `+512 KiB`), or both in
 * either order. A part left out is null (the caller keeps that part's default).
 *
 * @throws {SyntaxError} naming the text and the form to use.
 *
 * @example
 * ```ts
 * parseTolerance("+5% 512KiB"); // { relative: 0.05, absolute: 524288 }
 * parseTolerance("2%");         // { relative: 0.02, absolute: null }
 * parseTolerance("0");          // { relative: null, absolute: 0 }
 * ```
 */
export function parseTolerance(text: string): { relative: number | null; absolute: number | null } {
  const fix = `write a percentage and/or a size, e.g. "+10% 1MiB", "+5%" or "512KiB"`;
  if (typeof text !== "string") throw new SyntaxError(`Cannot parse tolerance ${JSON.stringify(text)}: ${fix}`);
  const m = PERCENT.exec(text);
  const relative = m === null ? null : Number(m[1]) / 100;
  const rest = (m === null ? text : text.slice(0, m.index) + " " + text.slice(m.index + m[0].length)).trim();
  if (rest === "" && relative === null) throw new SyntaxError(`Cannot parse tolerance "${text}": it is empty (${fix})`);
  if (rest.includes("%")) throw new SyntaxError(`Cannot parse tolerance "${text}": a "%" must follow a number, once (${fix})`);
  let absolute: number | null = null;
  if (rest !== "") {
    try {
      absolute = parseBytes(rest.replace(/^\+\s*/, ""));
    } catch (err) {
      throw new SyntaxError(`Cannot parse tolerance "${text}": "${rest}" is not a size (${fix}; ${(err as Error).message})`);
    }
  }
  return { relative, absolute };
}

/**
 * The tolerance of `metric` from `option` (set in `source`), on top of `fallback`: the parts
 * the text leaves out are the fallback's. Null when `option` says nothing about `metric`.
 *
 * @throws {SyntaxError} for a text that is not a tolerance, naming where it was set.
 */
export function toleranceOf(option: ToleranceOption | undefined, metric: keyof Tolerances, source: string, fallback: Tolerance): Tolerance | null {
  if (option === undefined) return null;
  if (option === null || (typeof option !== "string" && typeof option !== "object")) {
    throw new SyntaxError(`${source}: tolerance must be a text like "+10% 1MiB" or { peak: "+10% 1MiB", growth: "+10% 256KiB" }, got ${JSON.stringify(option)}`);
  }
  if (typeof option === "object") {
    for (const key of Object.keys(option)) {
      if (key !== "peak" && key !== "growth") throw new SyntaxError(`${source}: tolerance has an unknown key "${key}" (use peak and growth)`);
    }
  }
  const text = typeof option === "string" ? option : option[metric];
  if (text === undefined) return null;
  try {
    const t = parseTolerance(text);
    return { relative: t.relative ?? fallback.relative, absolute: t.absolute ?? fallback.absolute, source };
  } catch (err) {
    throw new SyntaxError(`${source}: ${(err as Error).message}`);
  }
}

/**
 * The most a figure may reach before it regresses: `baseline × (1 + relative) + absolute`,
 * rounded down to a whole byte.
 *
 * @example
 * ```ts
 * allowed(100 * 2 ** 20, DEFAULT_TOLERANCE.peak); // 111 MiB in bytes
 * ```
 */
export function allowed(baseline: number, t: Pick<Tolerance, "relative" | "absolute">): number {
  return Math.floor(baseline * (1 + t.relative) + t.absolute);
}

/**
 * A tolerance as people read it: `+10 % + 1.0 MiB`.
 *
 * @example
 * ```ts
 * formatTolerance(DEFAULT_TOLERANCE.growth); // "+10 % + 256.0 KiB"
 * ```
 */
export function formatTolerance(t: Pick<Tolerance, "relative" | "absolute">): string {
  const pct = `+${Number((t.relative * 100).toFixed(2))} %`;
  return t.absolute > 0 ? `${pct} + ${formatBytes(t.absolute)}` : pct;
}
