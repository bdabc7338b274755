// Shared by the peer pages of the benchmark (tools/bench): the same data and levels as our page,
// the same five scenario radios ([data-scenario]), and the mark the benchmark waits for.
export const PRICES = '/data/btcusd_bitstamp_daily.csv';

// The article's levels as our page draws them: [low, high, kind] (a band when low < high).
export const LEVELS = [
  [126272, 126272, 'resistance'], // all-time high
  [89070, 89070, 'resistance'],
  [75000, 80000, 'resistance'], // zone
  [50000, 55000, 'support'], // zone
  [43000, 43000, 'floor'],
  [32851, 32851, 'floor'],
];
export const REFERENCE = 63526; // the article's framing: crash low × 1.06
// Each scenario's target (as src/model/scenarios.rs): a price, or a range drawn at both edges.
export const SCENARIOS = {
  recovery: [89070, 89070], range: [55000, 75000], retest: [50000, 55000], breakdown: [43000, 43000], catastrophic: [32851, 32851],
};
export const COLORS = { resistance: '#c0392b', support: '#1e8449', floor: '#7d3c98', target: '#1f4e79', reference: '#555', up: '#26a69a', down: '#ef5350' };

/** Daily bars of the bundled CSV: {time (unix s), open, high, low, close}. */
export async function loadBars() {
  const text = await (await fetch(PRICES)).text();
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines.shift().split(',');
  const col = (n) => head.indexOf(n);
  const [d, o, h, l, c] = ['date', 'open', 'high', 'low', 'close'].map(col);
  return lines.map((line) => {
    const f = line.split(',');
    return { time: Date.parse(f[d] + 'T00:00:00Z') / 1000, open: +f[o], high: +f[h], low: +f[l], close: +f[c] };
  });
}

/** Wires the radios: `onSwitch(target)` on each change. */
export function wireScenarios(onSwitch) {
  document.querySelector('.scenarios').addEventListener('change', (ev) => {
    const id = ev.target.dataset.scenario;
    if (id) onSwitch(SCENARIOS[id]);
  });
}

export const chartWidth = () => Math.floor(document.querySelector('#chart').clientWidth);
export const CHART_HEIGHT = 420;
export const markFirstChart = () => performance.mark('bench:first-chart');
