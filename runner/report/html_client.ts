/**
 * The script of the HTML report's page, as text: it reads the charts' data (chart_data.ts)
 * from the page's JSON block and draws each with uPlot. It never builds markup from data:
 * labels reach the page only through uPlot's legend, which sets them as text.
 */

/** The page's own script; runs after uPlot's. */
export const CLIENT_JS = String.raw`(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("memassert-data").textContent);
  const COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"];
  const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];
  const bytes = (v) => {
    if (v == null) return "";
    let n = Math.abs(v), u = 0;
    while (n >= 1024 && u < UNITS.length - 1) { n /= 1024; u++; }
    return (v < 0 ? "-" : "") + (u === 0 ? String(Math.round(n)) : n.toFixed(1)) + " " + UNITS[u];
  };
  const seconds = (s) => s == null ? "" : s < 1 ? +(s * 1000).toFixed(s < 0.01 ? 2 : 1) + " ms" : +s.toFixed(2) + " s";
  // Ticks on sizes people think in: powers of two of a byte, then of a KiB, a MiB…
  const INCRS = Array.from({ length: 50 }, (_, k) => 2 ** k);

  function draw(chart) {
    const el = document.getElementById(chart.id);
    if (el === null || chart.x.length === 0) return;
    const n = chart.bands.length;
    const own = chart.bands.map((b, i) => b.values.map((v, j) => i === 0 ? v : v - chart.bands[i - 1].values[j]));
    const series = [{ label: "time", value: (u, v) => seconds(v) }];
    const values = [chart.x.length === 1 ? [chart.x[0], chart.x[0] + 1e-3] : chart.x];
    const pad = (a) => a.length === 1 ? [a[0], a[0]] : a;
    chart.bands.forEach((b, i) => {
      const c = COLORS[i % COLORS.length];
      series.push({ label: b.label, stroke: c, fill: c + "88", width: 1, points: { show: false }, value: (u, v, s, j) => j == null ? "" : bytes(own[i][j]) });
      values.push(pad(b.values));
    });
    series.push({ label: "tree", stroke: "#222", width: 1.5, points: { show: false }, value: (u, v) => bytes(v) });
    values.push(pad(chart.total));
    for (const line of chart.lines) {
      const limit = line.kind === "limit";
      series.push({ label: line.label + " " + bytes(line.y), stroke: limit ? "#c00" : "#666", dash: limit ? [8, 4] : [2, 4], width: 1.5, points: { show: false }, value: () => bytes(line.y) });
      values.push(values[0].map(() => line.y));
    }
    const bands = [];
    for (let i = 1; i < n; i++) bands.push({ series: [i + 1, i], fill: COLORS[i % COLORS.length] + "88" });
    const top = Math.max(chart.peak.y, ...chart.lines.map((l) => l.y), ...chart.total);
    const opts = {
      width: Math.max(320, el.clientWidth),
      height: 320,
      series,
      bands,
      scales: { x: { time: false }, y: { range: () => [0, top * 1.12 || 1] } },
      axes: [
        { values: (u, splits) => splits.map(seconds) },
        { size: 80, incrs: INCRS, values: (u, splits) => splits.map(bytes) },
      ],
      legend: { live: true },
      hooks: { draw: [(u) => mark(u, chart, el)] },
    };
    new uPlot(opts, values, el);
  }

  // The peak: a ring on the curve and its figure beside it.
  function mark(u, chart, el) {
    const ctx = u.ctx, ratio = window.devicePixelRatio || 1;
    const x = u.valToPos(chart.peak.x, "x", true), y = u.valToPos(chart.peak.y, "y", true);
    ctx.save();
    ctx.setLineDash([]);
    ctx.strokeStyle = "#c00";
    ctx.lineWidth = 2 * ratio;
    ctx.beginPath();
    ctx.arc(x, y, 5 * ratio, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillStyle = "#c00";
    ctx.font = "bold " + 12 * ratio + "px sans-serif";
    const text = chart.peak.label + " " + bytes(chart.peak.y) + " at " + seconds(chart.peak.x);
    const right = x + 8 * ratio + ctx.measureText(text).width > u.bbox.left + u.bbox.width;
    ctx.textAlign = right ? "right" : "left";
    ctx.fillText(text, right ? x - 8 * ratio : x + 8 * ratio, Math.max(y - 8 * ratio, u.bbox.top + 12 * ratio));
    ctx.restore();
    el.dataset.peakX = String(chart.peak.x);
    el.dataset.peakY = String(chart.peak.y);
  }

  for (const chart of data.charts) draw(chart);
})();
`;
