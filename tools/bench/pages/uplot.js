// Peer page: the bundled candles, the article's levels and the scenario target, drawn by uPlot
// (no built-in candlesticks: a draw hook, as in uPlot's own candlestick demo).
import { loadBars, LEVELS, REFERENCE, COLORS, wireScenarios, chartWidth, CHART_HEIGHT, markFirstChart } from './common.js';

const bars = await loadBars();
const data = [bars.map((b) => b.time), bars.map((b) => b.open), bars.map((b) => b.high), bars.map((b) => b.low), bars.map((b) => b.close)];
let target = [89070, 89070];
const lo = Math.min(...data[3], ...LEVELS.map((l) => l[0]));
const hi = Math.max(...data[2], ...LEVELS.map((l) => l[1]));
const pad = (hi - lo) * 0.04;

function candles(u) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const [i0, i1] = u.series[0].idxs;
  const bodyW = Math.max(1, Math.floor((width / (i1 - i0 + 1)) * 0.7));
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const up of [true, false]) {
    ctx.fillStyle = up ? COLORS.up : COLORS.down;
    for (let i = i0; i <= i1; i++) {
      if ((data[4][i] >= data[1][i]) !== up) continue;
      const x = Math.round(u.valToPos(data[0][i], 'x', true));
      const yh = Math.round(u.valToPos(data[2][i], 'y', true));
      const yl = Math.round(u.valToPos(data[3][i], 'y', true));
      const yo = Math.round(u.valToPos(data[1][i], 'y', true));
      const yc = Math.round(u.valToPos(data[4][i], 'y', true));
      ctx.fillRect(x, yh, 1, yl - yh);
      ctx.fillRect(x - (bodyW >> 1), Math.min(yo, yc), bodyW, Math.max(1, Math.abs(yc - yo)));
    }
  }
  ctx.restore();
}

function hline(u, price, color, dash, lineWidth = 1) {
  const ctx = u.ctx;
  const y = Math.round(u.valToPos(price, 'y', true)) + 0.5;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(u.bbox.left, y);
  ctx.lineTo(u.bbox.left + u.bbox.width, y);
  ctx.stroke();
}

function levels(u) {
  const ctx = u.ctx;
  ctx.save();
  for (const [a, b, kind] of LEVELS) {
    const dash = kind === 'support' ? [] : [6, 4];
    if (a < b) {
      const y1 = u.valToPos(b, 'y', true);
      const y2 = u.valToPos(a, 'y', true);
      ctx.fillStyle = COLORS[kind] + '22';
      ctx.fillRect(u.bbox.left, y1, u.bbox.width, y2 - y1);
      hline(u, a, COLORS[kind], dash);
      hline(u, b, COLORS[kind], dash);
    } else hline(u, a, COLORS[kind], dash);
  }
  hline(u, REFERENCE, COLORS.reference, [2, 3]);
  for (const p of new Set(target)) hline(u, p, COLORS.target, [10, 5], 3);
  ctx.restore();
}

let first = true;
const noPath = { paths: () => null, points: { show: false } };
const u = new uPlot({
  width: chartWidth(),
  height: CHART_HEIGHT,
  scales: { y: { range: [lo - pad, hi + pad] } },
  axes: [{}, { size: 70 }],
  series: [{}, { label: 'Open', ...noPath }, { label: 'High', ...noPath }, { label: 'Low', ...noPath }, { label: 'Close', ...noPath }],
  hooks: {
    drawClear: [levels],
    draw: [candles, () => { if (first) { first = false; markFirstChart(); } }],
  },
}, data, document.querySelector('#chart'));

// A scenario switch: the target line changes, the chart redraws (paths and axes unchanged).
wireScenarios((t) => { target = t; u.redraw(false, false); });
window.benchChart = u;
