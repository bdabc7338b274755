// Peer page: the bundled candles, the article's levels (price lines; zones as a series primitive)
// and the scenario target, drawn by lightweight-charts.
import { loadBars, LEVELS, REFERENCE, COLORS, wireScenarios, chartWidth, CHART_HEIGHT, markFirstChart } from './common.js';

const { createChart, CandlestickSeries, LineStyle } = window.LightweightCharts;
const bars = await loadBars();
const lo = Math.min(...bars.map((b) => b.low), ...LEVELS.map((l) => l[0]));
const hi = Math.max(...bars.map((b) => b.high), ...LEVELS.map((l) => l[1]));

// Zones as filled bands behind the candles.
class Bands {
  constructor(bands) {
    this.bands = bands;
    this.series = null;
    this.views = [{ zOrder: () => 'bottom', renderer: () => ({ draw: (target) => this.draw(target) }) }];
  }
  attached({ series }) { this.series = series; }
  updateAllViews() {}
  paneViews() { return this.views; }
  draw(target) {
    target.useBitmapCoordinateSpace(({ context: ctx, bitmapSize, verticalPixelRatio: r }) => {
      for (const [a, b, kind] of this.bands) {
        const y1 = this.series.priceToCoordinate(b);
        const y2 = this.series.priceToCoordinate(a);
        if (y1 == null || y2 == null) continue;
        ctx.fillStyle = COLORS[kind] + '22';
        ctx.fillRect(0, Math.round(y1 * r), bitmapSize.width, Math.round((y2 - y1) * r));
      }
    });
  }
}

const chart = createChart(document.querySelector('#chart'), { width: chartWidth(), height: CHART_HEIGHT });
const series = chart.addSeries(CandlestickSeries, {
  upColor: COLORS.up, downColor: COLORS.down, wickUpColor: COLORS.up, wickDownColor: COLORS.down, borderVisible: false,
  autoscaleInfoProvider: (base) => {
    const info = base();
    if (info) { info.priceRange.minValue = Math.min(info.priceRange.minValue, lo); info.priceRange.maxValue = Math.max(info.priceRange.maxValue, hi); }
    return info;
  },
});
series.setData(bars);
series.attachPrimitive(new Bands(LEVELS.filter(([a, b]) => a < b)));
const line = (price, color, lineStyle, lineWidth = 1) => series.createPriceLine({ price, color, lineStyle, lineWidth, axisLabelVisible: true });
for (const [a, b, kind] of LEVELS) {
  const style = kind === 'support' ? LineStyle.Solid : LineStyle.Dashed;
  line(a, COLORS[kind], style);
  if (b !== a) line(b, COLORS[kind], style);
}
line(REFERENCE, COLORS.reference, LineStyle.Dotted);
let targetLines = [89070].map((p) => line(p, COLORS.target, LineStyle.LargeDashed, 3));
chart.timeScale().fitContent();
// The first draw happens in the chart's own animation frame, requested by setData above; the
// benchmark's frame callback, requested after this mark, runs after it.
markFirstChart();

// A scenario switch: the target line(s) removed and added; the chart redraws on its next frame.
wireScenarios((t) => {
  for (const l of targetLines) series.removePriceLine(l);
  targetLines = [...new Set(t)].map((p) => line(p, COLORS.target, LineStyle.LargeDashed, 3));
});
window.benchChart = chart;
