/**
 * The shell of the HTML report: one self-contained page. uPlot's script and stylesheet and
 * the page's own script are inlined; the data the charts draw is a JSON block that no
 * browser runs. A Content-Security-Policy allows only those two scripts (by hash) and no
 * request of any kind, so the page works offline and text from a measured program (a test's
 * name, a command line) could run nothing even if it reached the markup unescaped; it does
 * not: every text goes through {@link escapeHtml}.
 */
import { createHash } from "node:crypto";
import { CLIENT_JS } from "./html_client.ts";
import type { ChartSpec } from "./chart_data.ts";
import { UPLOT_CSS, UPLOT_JS } from "./vendor/uplot.ts";

/** A chart to draw into the element with id `id`. */
export type PageChart = ChartSpec & { id: string };

/**
 * Text made safe inside HTML elements and quoted attributes; control characters other
 * than tab and newline are dropped.
 *
 * @example
 * ```ts
 * escapeHtml(`<img src=x onerror="alert(1)">`); // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** JSON that can sit inside a <script> element: nothing in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2125; margin: 0; background: #f6f7f9; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 6px; overflow-wrap: anywhere; }
.sub { color: #5b636b; margin: 0 0 16px; overflow-wrap: anywhere; }
section { background: #fff; border: 1px solid #dde1e5; border-radius: 8px; padding: 16px 20px; margin: 0 0 20px; }
section.failed { border-left: 5px solid #c62828; }
section.passed { border-left: 5px solid #2e7d32; }
section.skipped { border-left: 5px solid #b28704; }
.status { font-weight: 600; }
.failed .status { color: #c62828; } .passed .status { color: #2e7d32; } .skipped .status { color: #b28704; }
table { border-collapse: collapse; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
th { color: #5b636b; font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
table.figures th { padding-right: 16px; }
table.tree { width: 100%; font-size: 13px; }
table.tree td { white-space: nowrap; }
table.tree td.cmd { white-space: normal; font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.indent { color: #9aa1a8; }
.chart { margin: 8px 0 4px; min-height: 340px; }
.over { color: #c62828; font-weight: 600; }
pre { background: #f6f7f9; padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12.5px; }
.note { color: #8a5a00; }
`;

/** The whole page: `body` is markup already escaped; `charts` are drawn into their elements. */
export function page(title: string, body: string, charts: PageChart[]): string {
  const data = `{"charts":${scriptJson(charts)}}`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(UPLOT_JS)} ${sha256(CLIENT_JS)}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${UPLOT_CSS}</style>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script type="application/json" id="memassert-data">${data}</script>
<script>${UPLOT_JS}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}
