/**
 * The command line of every subcommand, parsed from one declaration per option: the same
 * table drives parsing, the "did you mean" of an unknown option, and `--help`.
 */
import { parseBytes } from "../budget/bytes.ts";
import { UsageError } from "./io.ts";

/** One option of a subcommand. */
export interface OptionSpec {
  /** `--name`, with its dashes. */
  name: string;
  /** `-x`, a one-letter alias. */
  short?: string;
  /** Placeholder of the value in help ("SIZE"); a flag has none. */
  value?: string;
  /** The value in words, for errors: "a size". */
  what?: string;
  /** A value to show in errors: "64MiB". */
  example?: string;
  /**
   * For an option whose value may be left out (`--json [FILE]`): whether `next`, the word
   * after it, is its value; `rest` is everything after `next`.
   */
  optional?: (next: string | undefined, rest: string[]) => boolean;
  /** What it does, as lines of help (wrapped by hand, as they are printed). */
  help: string[];
}

/** What {@link parseOptions} found. */
export interface Parsed {
  /** By option name (`--budget`): the value, or true for a flag; the last one given wins. */
  values: Map<string, string | true>;
  positionals: string[];
  /** Whether a `--` ended the options. */
  separated: boolean;
}

/**
 * Parses `args` against `specs`. With `stopAtPositional` (for `run`), the first word that is
 * not an option ends the options and it and everything after are positionals (the command);
 * otherwise options and positionals mix, and `--` ends the options.
 *
 * @throws {UsageError} for an unknown option (naming a near one), a flag given a value, or
 *   an option missing its value.
 */
export function parseOptions(args: string[], specs: OptionSpec[], stopAtPositional: boolean): Parsed {
  const out: Parsed = { values: new Map(), positionals: [], separated: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      out.separated = true;
      out.positionals.push(...args.slice(i + 1));
      return out;
    }
    if (!arg.startsWith("-") || arg === "-") {
      if (stopAtPositional) {
        out.positionals.push(...args.slice(i));
        return out;
      }
      out.positionals.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const eq = long ? arg.indexOf("=") : -1;
    const name = long ? (eq < 0 ? arg : arg.slice(0, eq)) : arg.slice(0, 2);
    const spec = specs.find((s) => (long ? s.name === name : s.short === name));
    if (spec === undefined) throw new UsageError(`unknown option "${arg}" (${suggest(name, specs)}see memassert --help)`);
    const inline = long ? (eq < 0 ? undefined : arg.slice(eq + 1)) : arg.length > 2 ? arg.slice(2) : undefined;
    if (spec.value === undefined) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value, got "${arg}" (write ${name} alone)`);
      out.values.set(spec.name, true);
      continue;
    }
    if (inline !== undefined) {
      out.values.set(spec.name, inline);
      continue;
    }
    const next = args[i + 1];
    if (spec.optional) {
      if (spec.optional(next, args.slice(i + 2))) {
        out.values.set(spec.name, next!);
        i++;
      } else out.values.set(spec.name, true);
      continue;
    }
    if (next === undefined || next.startsWith("--")) {
      throw new UsageError(`${name} needs ${spec.what ?? "a value"}, e.g. ${name} ${spec.example ?? spec.value}`);
    }
    out.values.set(spec.name, next);
    i++;
  }
  return out;
}

/**
 * The options as `--help` lists them: name, short alias and value on the left, the help
 * lines aligned in a column on the right.
 */
export function formatOptions(specs: OptionSpec[]): string {
  const left = specs.map((s) => {
    const names = s.short ? `${s.short}, ${s.name}` : s.name;
    const value = s.value === undefined ? "" : s.optional ? ` [${s.value}]` : ` ${s.value}`;
    return `  ${names}${value}`;
  });
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs.map((s, i) => {
    const [first = "", ...more] = s.help;
    const head = left[i].length + 1 < width ? `${left[i].padEnd(width)}${first}` : `${left[i]}\n${" ".repeat(width)}${first}`;
    return [head, ...more.map((line) => `${" ".repeat(width)}${line}`)].join("\n");
  }).join("\n");
}

/**
 * The bytes of a size given to `option`; a UsageError naming the option, the value and the
 * units otherwise (`--budget "64 mb": unknown unit "mb" (did you mean MB or MiB? …)`).
 */
export function sizeOption(option: string, text: string): number {
  try {
    return parseBytes(text);
  } catch (err) {
    if (!(err instanceof SyntaxError || err instanceof RangeError)) throw err;
    // parseBytes says `Cannot parse size "X": why`; here the option name replaces the preamble.
    const why = err.message.replace(/^Cannot parse size "[^]*?": /, "").replace(/^Size "[^]*?" /, "it ");
    throw new UsageError(`${option} "${text}": ${why}`);
  }
}

/** "did you mean --budget? " for a near miss of a known option, else "". */
function suggest(name: string, specs: OptionSpec[]): string {
  const near = specs.map((s) => s.name).find((o) => distance(o, name) <= 2);
  return near === undefined ? "" : `did you mean ${near}? `;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
