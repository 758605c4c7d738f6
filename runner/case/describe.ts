/** The text of an error thrown by a test file or a case, as a person should read it. */

/** The error's own text, with its location for a syntax error. */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Bun's BuildMessage (a syntax error) has no stack, only a position.
  const pos = (err as { position?: { file: string; line: number; column: number; lineText: string } | null }).position;
  if (!err.stack && pos) return `SyntaxError: ${err.message}\n    at ${pos.file}:${pos.line}:${pos.column}\n    ${pos.lineText.trim()}`;
  const stack = err.stack ?? "";
  return stack.includes(err.message) ? stack : `${err.name}: ${err.message}\n${stack}`;
}

/** The error's text without the stack frames of memassert's own case runners (this folder, and the plugins'). */
export function withoutOwnFrames(text: string): string {
  // From a checkout: runner/case/ and plugins/; in the package or the executable, one folder
  // holds them all.
  const here = new URL(".", import.meta.url).pathname;
  const own = import.meta.url.endsWith(".ts") ? [here, new URL("../../plugins/", import.meta.url).pathname] : [here];
  return text.split("\n").filter((line) => !(/^\s+at /.test(line) && own.some((dir) => line.includes(dir)))).join("\n");
}
