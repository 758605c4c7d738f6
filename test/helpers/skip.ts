/**
 * Skipping a test at run time, with the reason said: a test that cannot run here (a tool
 * missing, a runtime that cannot check it) calls `return skip(ctx, reason)` instead of
 * returning early in silence. test/run.ts counts it as skipped, not passed, and prints the
 * reason in its summary. Return right after: a skipped test that then failed would be
 * counted twice.
 *
 * @example
 * ```ts
 * test("the XML is valid", (ctx) => {
 *   if (!hasXmllint) return skip(ctx, "xmllint is not installed (apt-get install libxml2-utils)");
 *   …
 * });
 * ```
 */

/** A test that skipped itself: its name and why. */
export interface Skipped {
  test: string;
  reason: string;
}

const KEY = Symbol.for("memassert.test.skipped");
type Holder = { [KEY]?: Skipped[] };

/** Every skip recorded in this process, in order. */
export function skippedTests(): Skipped[] {
  return ((globalThis as Holder)[KEY] ??= []);
}

/** Records that the running test (uvu gives its name as `ctx.__test__`) is skipped, and why. */
export function skip(ctx: { __test__?: string }, reason: string): void {
  skippedTests().push({ test: ctx.__test__ ?? "?", reason });
}
