/**
 * Lets test files `import … from "memassert"` wherever they are: under Bun
 * (the compiled executable included, which has no node_modules to look in),
 * the specifier is served by the running memassert itself. Under Deno, the
 * project's import map or node_modules resolves it.
 */
let provided = false;

export async function provideMemassertModule(): Promise<void> {
  const bun = (globalThis as { Bun?: { plugin(p: unknown): void } }).Bun;
  if (provided || bun === undefined) return;
  provided = true;
  const api = await import("../../mod.ts");
  bun.plugin({
    name: "memassert",
    setup(build: { module(specifier: string, load: () => { exports: Record<string, unknown>; loader: "object" }): void }) {
      build.module("memassert", () => ({ exports: { ...api }, loader: "object" }));
    },
  });
}
