/**
 * An Error that points at the user's `memtest()` line: test runners show (and annotate) a
 * failure where its stack starts, and the failure is only known long after the call.
 */

/** Frames of the calling code, `caller` and what it called left out; capture at the call. */
export function captureSite(caller: (...args: never[]) => unknown): string {
  const holder: { stack?: string } = {};
  (Error as { captureStackTrace?(o: object, f?: unknown): void }).captureStackTrace?.(holder, caller);
  // Without `caller` on the stack (a tail call dropped it), keep every frame rather than none.
  const stack = /\n\s+at /.test(holder.stack ?? "") ? holder.stack! : new Error().stack ?? "";
  // V8 starts the stack with a header line ("Error"); JavaScriptCore with the first frame.
  return stack.split("\n").filter((l) => /^\s+at /.test(l)).join("\n");
}

/** An Error with `message` whose stack is the frames captured at the call. */
export function errorAt(frames: string, message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n${frames}`;
  return error;
}
