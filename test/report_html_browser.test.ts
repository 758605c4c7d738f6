/**
 * The HTML report in a real browser: built from a real traced run of a tree whose child
 * grows while its parent frees, and from a real `memassert test` run whose case is named
 * like markup. Headless Chromium draws the chart (a canvas with pixels on it), shows the
 * peak and the figures of the JSON result, runs nothing it was not meant to, and makes no
 * request. Screenshots go to .cache/report/. Skipped, saying why, without Chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatBytes } from "../runner/budget/bytes.ts";
import type { MeasureResult } from "../runner/measure/result.ts";
import { browserMissing, withBrowser } from "./helpers/browser.ts";
import { ROOT, runCli } from "./helpers/cli.ts";
import { compileFixture } from "./helpers/compile.ts";

const XSS = "<img src=x onerror=alert(1)>";
const shots = join(ROOT, ".cache/report");
const runtime = "Deno" in globalThis ? "deno" : "bun";
const missing = browserMissing();
if (missing) console.log(`  report_html_browser: skipped: ${missing}`);
const check = missing ? test.skip : test;

/** Opens `file` and collects every request, dialog and script error the page causes. */
async function open(page: Page, file: string) {
  const seen = { requests: [] as string[], dialogs: [] as string[], errors: [] as string[] };
  const url = pathToFileURL(file).href;
  page.on("request", (r) => void (r.url() !== url && seen.requests.push(r.url())));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => void seen.errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector(".chart[data-peak-y]", { timeout: 10_000 });
  return seen;
}

/** Pixels of the chart's canvases that are not transparent. */
function painted(page: Page, chart: string): Promise<number> {
  return page.$$eval(`#${chart} canvas`, (canvases) => {
    let n = 0;
    for (const canvas of canvases as unknown as { width: number; height: number; getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }[]) {
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    }
    return n;
  });
}

check("a run's report: the chart is drawn, its peak and figures are the JSON's, no request", async () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-html-"));
  try {
    const html = join(dir, "run.html"), json = join(dir, "run.json");
    // The budget is drawn, not tested: 128 MiB is above the 48 + 64 MiB the two could hold
    // at once when a loaded machine lets the child grow before the parent lets go.
    const r = runCli(["run", "--timeline", "--report", html, `--json=${json}`, "--budget-tree", "128MiB", "--", compileFixture("tree_grow_free"), "48", "64"]);
    assert.is(r.status, 0, r.stderr);
    const result = JSON.parse(readFileSync(json, "utf8")) as MeasureResult;
    assert.is(result.processes.length, 2, "parent and child");
    const [parent, child] = result.processes;
    assert.ok(parent.peakRss > 48 * 2 ** 20 && child.peakRss > 64 * 2 ** 20, "the fixture held its memory");

    await withBrowser(async (context) => {
      const page = await context.newPage();
      const seen = await open(page, html);
      assert.ok(await painted(page, "chart-run") > 10_000, "the chart has pixels");
      const peak = await page.$eval("#chart-run", (el) => ({ x: Number(el.dataset.peakX), y: Number(el.dataset.peakY) }));
      assert.is(peak.y, result.tree.peakRss, "the peak drawn is the tree's exact peak");
      assert.ok(Math.abs(peak.x * 1000 - result.timeline!.peakMs) < 1e-6, "drawn where it happened");
      const figure = (name: string) => page.$eval(`[data-figure="${name}"] [data-bytes]`, (el) => [Number(el.getAttribute("data-bytes")), el.textContent]);
      assert.equal(await figure("peak RSS of the tree"), [result.tree.peakRss, formatBytes(result.tree.peakRss)]);
      assert.equal(await figure("peak PSS of the tree"), [result.tree.peakPss, formatBytes(result.tree.peakPss)]);
      assert.equal(await figure("peak RSS of the root"), [result.root.peakRss, formatBytes(result.root.peakRss)]);
      for (const p of result.processes) {
        const row = await page.$eval(`tr[data-pid="${p.pid}"]`, (tr) => ({
          text: tr.textContent ?? "",
          bytes: [...tr.querySelectorAll("[data-bytes]")].map((el) => Number(el.getAttribute("data-bytes"))),
        }));
        assert.equal(row.bytes, [p.peakRss, p.peakPss, p.atPeak.anon, p.atPeak.file, p.atPeak.shmem], `process ${p.pid}`);
        assert.ok(row.text.includes(p.argv.join(" ")), row.text);
      }
      const legend = await page.$$eval("#chart-run .u-legend th", (ths) => ths.map((th) => th.textContent ?? ""));
      for (const p of result.processes) assert.ok(legend.some((l) => l.startsWith(String(p.pid))), `a band for ${p.pid}: ${legend}`);
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `run-${runtime}.png`), fullPage: true });
      assert.equal(seen, { requests: [], dialogs: [], errors: [] });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

check("a test report: a case named like markup shows as text and runs nothing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "memassert-html-"));
  try {
    const html = join(dir, "test.html"), json = join(dir, "test.json");
    const fixtures = join(ROOT, "test/fixtures/mem/html");
    const r = runCli(["test", fixtures, "-j", "1", "--reporter", "json", "--outfile", json, "--report", html]);
    assert.is(r.status, 0, r.stderr + r.stdout);
    const doc = JSON.parse(readFileSync(json, "utf8")) as { results: { name: string; peak: number; growth: number }[] };

    await withBrowser(async (context) => {
      const page = await context.newPage();
      const seen = await open(page, html);
      const headings = await page.$$eval("section h2", (hs) => hs.map((h) => h.textContent ?? ""));
      assert.ok(headings.some((h) => h.endsWith(XSS)), `the name as text: ${headings}`);
      assert.is(await page.$$eval("img", (imgs) => imgs.length), 0, "no element made from the name");
      const charts = await page.$$eval(".chart", (els) => els.map((el) => ({ id: el.id, y: Number(el.dataset.peakY) })));
      assert.is(charts.length, 2, "a chart per case");
      for (const c of charts) assert.ok(await painted(page, c.id) > 5_000, `${c.id} has pixels`);
      const peaks = await page.$$eval('[data-figure="peak RSS"] [data-bytes]', (els) => els.map((el) => Number(el.getAttribute("data-bytes"))));
      assert.equal(peaks.sort(), doc.results.map((c) => c.peak).sort(), "each case's peak, as in the JSON");
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `test-${runtime}.png`), fullPage: true });
      assert.equal(seen, { requests: [], dialogs: [], errors: [] });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
