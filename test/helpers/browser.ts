/**
 * Headless Chromium from Debian (`apt-get install chromium`, done by
 * test/provision_browser.sh), driven by playwright-core, which downloads no browser of its
 * own. The flags keep it from reaching for the network: background networking, component
 * updates, sync and QUIC are all off, and each launch gets a fresh profile.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Where Debian installs it. */
export const CHROMIUM = "/usr/bin/chromium";

/** Why no browser can be had here, or null when one can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (test/provision_browser.sh installs it: apt-get install chromium)`;
}

/** Runs `fn` with a fresh headless Chromium, closed and its profile removed afterwards. */
export async function withBrowser<T>(fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), "memassert-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
