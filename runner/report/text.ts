/**
 * Cleaning text that tests and programs produced (names, failures, stack traces, captured
 * output) before a reporter prints it. Such text may hold terminal escape codes and control
 * characters: in a terminal they would move the cursor under the live status line, in a CI
 * log they are noise, and in XML most of them are illegal.
 *
 * @module
 */

/** The escape codes memassert itself prints, when colour is allowed. */
export const STYLE = Object.freeze({
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  red: "\x1b[31m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  reset: "\x1b[0m",
});

/** `text` in `style` when `color` is on, else unchanged. */
export function paint(color: boolean | undefined, style: string, text: string): string {
  return color ? `${style}${text}${STYLE.reset}` : text;
}

/** CSI sequences (colours, cursor moves), OSC sequences (titles, links), then any other ESC + one character. */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\s\S]?|\x9b[0-?]*[ -/]*[@-~]/g;

/** C0 and C1 controls other than tab and newline, and DEL. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Characters XML 1.0 forbids: most C0 controls, U+FFFE, U+FFFF and unpaired surrogates. */
const XML_ILLEGAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Removes terminal escape sequences (`\x1b[31m`, OSC titles…) from text.
 *
 * @example
 * ```ts
 * stripAnsi("\x1b[31mred\x1b[0m"); // "red"
 * ```
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Text as a terminal would finally show it, without any control character: escape codes
 * removed, `\r\n` read as a newline, and a line that a `\r` rewrote (a progress bar) kept
 * as its last version. Tabs and newlines stay.
 *
 * @example
 * ```ts
 * printable("\x1b[1mok\x1b[0m\r\n10%\r100%\x00"); // "ok\n100%"
 * ```
 */
export function printable(text: string): string {
  return stripAnsi(text)
    .replace(/\r+\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1).replace(CONTROL, ""))
    .join("\n");
}

/**
 * Text on one line: {@link printable}, with each run of whitespace (newlines included) made
 * one space. For case names and file names.
 *
 * @example
 * ```ts
 * oneLine("parse\n  \x1b[2mrows\x1b[0m"); // "parse rows"
 * ```
 */
export function oneLine(text: string): string {
  return printable(text).replace(/\s+/g, " ").trim();
}

/**
 * Text that XML 1.0 can hold: escape codes removed, then every character XML forbids
 * (`\x00`, `\x1b`…, unpaired surrogates) dropped. Tabs, newlines and carriage returns stay.
 *
 * @example
 * ```ts
 * xmlSafe("\x1b[31mboom\x1b[0m\x00"); // "boom"
 * ```
 */
export function xmlSafe(text: string): string {
  return stripAnsi(text).replace(XML_ILLEGAL, "");
}

/** C0 and C1 controls and DEL, which a terminal would act on rather than show. */
const ANY_CONTROL = /[\x00-\x1f\x7f-\x9f]/g;

/**
 * One-line text with every control character made visible as an escape (`\n`, `\t`,
 * `\x1b`…), for names and command lines that come from programs and test files: shown on a
 * terminal, nothing in them can move the cursor, clear the screen or set the title.
 *
 * @example
 * ```ts
 * visible("rm\x1b[2J -rf\n"); // "rm\\x1b[2J -rf\\n"
 * ```
 */
export function visible(text: string): string {
  return text.replace(ANY_CONTROL, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}
