// Bootstrap: load the wasm core and the bundled data, fill the figures, size the canvases,
// wire the controls. No domain math here; the only drawing is the hover overlay (two divs).
import init, { App } from './pkg/leverage_reset.js';

const PRICES = 'data/btcusd_bitstamp_daily.csv';
const FIGURES = 'data/story_figures.csv';
const SCENARIOS = [
  ['recovery', 'Recovery'], ['range', 'Fragile range'], ['retest', 'Retest $50–55k'],
  ['breakdown', 'Breakdown to $43k'], ['catastrophic', 'Catastrophic $32,851'],
];
const root = document.documentElement;
const $ = (sel) => document.querySelector(sel);
const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdBig = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 2 });
const num0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const num1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const fmtDate = (iso) => dateFmt.format(new Date(iso + 'T00:00:00Z'));
function fmt(unit, v) {
  switch (unit) {
    case 'usd': return Math.abs(v) >= 1e7 ? usdBig.format(v) : usd0.format(v);
    case 'pct': return num1.format(v) + '%';
    case 'btc': return num0.format(v) + ' BTC';
    case 'index': return num1.format(v);
    default: return num0.format(v);
  }
}
function fmtMetric(m) {
  if (m.id === 'followed_scenario') return SCENARIOS.find(([id]) => id === m.text)?.[1].toLowerCase() ?? m.text;
  if (m.text != null) return m.unit === 'date' ? fmtDate(m.text) : m.text.replaceAll('_', ' ');
  if (m.value != null) return fmt(m.unit, m.value);
  if (m.low != null) return `${fmt(m.unit, m.low)} to ${fmt(m.unit, m.high)}`;
  return 'none';
}

function showError(message) {
  root.dataset.state = 'error';
  const el = $('#load-error');
  el.textContent = `The explainer could not load: ${message}`;
  el.hidden = false;
  for (const fig of document.querySelectorAll('figure.chart, .controls')) fig.hidden = true;
}

async function fetchText(url) {
  let res;
  try { res = await fetch(url); } catch (e) { throw new Error(`${url}: network error (${e.message})`); }
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  return res.text();
}

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  tr.append(td);
  return td;
}
function fillTable(id, rows) {
  const body = $(`#${id} tbody`);
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement('tr');
    for (const c of cells) (Array.isArray(c) ? cell(tr, c[0], c[1]) : cell(tr, c));
    return tr;
  }));
}

const flipsText = (flips) => {
  if (flips.length === 0) return 'none';
  const last = flips[flips.length - 1];
  const more = flips.length > 1 ? ` (${flips.length} reversals; first ${fmtDate(flips[0].date)})` : '';
  return `${last.became} from ${fmtDate(last.date)}${more}`;
};

// Elements of each figure, looked up once.
let metricEls = null;
function elementsOf(id) {
  if (!metricEls) {
    metricEls = new Map();
    for (const el of document.querySelectorAll('[data-metric]')) {
      const list = metricEls.get(el.dataset.metric) ?? [];
      list.push(el);
      metricEls.set(el.dataset.metric, list);
    }
  }
  return metricEls.get(id) ?? [];
}

// Fills every figure; the tables only when `what` includes them (a scenario switch leaves them).
const ratio2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
function checkValue(c) {
  const one = (v) => c.unit === 'ratio' ? ratio2.format(v) : num1.format(v * 100) + '%';
  return c.value.low === c.value.high ? one(c.value.low) : `${one(c.value.low)} to ${one(c.value.high)}`;
}

function render(app, what = 'all') {
  const view = app.view();
  for (const m of view.metrics) {
    for (const el of elementsOf(m.id)) {
      el.textContent = fmtMetric(m);
      el.dataset.provenance = m.provenance;
      el.title = `${m.provenance}: ${m.source}`;
      for (const k of ['value', 'low', 'high']) delete el.dataset[k];
      if (m.value != null) el.dataset.value = String(m.value);
      else if (m.text != null) el.dataset.value = m.text;
      else if (m.low != null) { el.dataset.low = String(m.low); el.dataset.high = String(m.high); }
    }
  }
  for (const el of document.querySelectorAll('.source')) el.textContent = `Source: ${view.price_source}`;
  for (const el of document.querySelectorAll('.windows')) {
    el.textContent = view.leverage.windows.map((w) => `${fmtDate(w.start)} to ${fmtDate(w.end)}`).join(', and ');
  }
  const figs = Object.fromEntries(view.figures.map((f) => [f.id, f]));
  for (const [id, unit] of [['layoffs_january', 'count'], ['layoffs_jump_pct', 'pct']]) {
    const el = document.querySelector(`[data-metric="${id}"]`);
    if (el && figs[id]?.value) {
      el.textContent = fmt(unit, figs[id].value.low);
      el.dataset.value = String(figs[id].value.low);
      el.dataset.provenance = figs[id].provenance;
      el.title = `${figs[id].provenance}: ${figs[id].citation}`;
    }
  }
  if (what !== 'all') return;
  const end = view.aftermath?.end;
  for (const el of document.querySelectorAll('.data-end')) el.textContent = end ? fmtDate(end) : '';
  fillTable('regime-table', view.regime.flatMap((r) => r.checks.map((c) => [
    r.horizon === 'week' ? 'The week' : '5 Feb 2026', c.rule, c.side,
    [c.status.replaceAll('_', ' ') + (c.value ? ` (${checkValue(c)})` : ''), `status-${c.status}`],
  ])));
  const history = Object.fromEntries(view.level_history.map((h) => [h.id, h]));
  fillTable('levels-table', view.levels.map((l) => [
    l.label, l.tier.replaceAll('_', ' '), [l.role, `role-${l.role}`],
    (l.distance_pct > 0 ? '+' : '') + num1.format(l.distance_pct) + '%', flipsText(history[l.id]?.flips ?? []),
  ]));
  fillTable('claims-table', view.claims.map((c) => [c.claim, fmtMetric(c.computed), [c.verdict.replaceAll('_', ' '), `verdict-${c.verdict}`], c.reason]));
  fillTable('next-table', (view.aftermath?.levels ?? []).map((l) => [
    l.label, l.first_touched ? fmtDate(l.first_touched) : 'not reached', l.first_close_through ? fmtDate(l.first_close_through) : 'no', flipsText(l.flips),
  ]));
  fillTable('figures-table', view.figures.map((f) => [
    f.label, f.value ? (f.value.low === f.value.high ? fmt(f.unit, f.value.low) : `${fmt(f.unit, f.value.low)} to ${fmt(f.unit, f.value.high)}`) : '(text)',
    [f.provenance, `prov-${f.provenance}`], `${f.citation}${f.note ? '. ' + f.note : ''}`,
  ]));
  const w = $('#warnings');
  w.hidden = view.warnings.length === 0;
  w.textContent = view.warnings.join(' ');
}

// Canvas sizing: backing store = CSS size × devicePixelRatio, so lines stay crisp.
const HEIGHTS = { 'price-chart': [300, 440], 'oi-chart': [460, 300], 'ladder-chart': [340, 380] };
function sizeCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const cssWidth = Math.max(280, Math.floor(canvas.parentElement.clientWidth));
  const [phone, desktop] = HEIGHTS[canvas.id];
  const cssHeight = cssWidth < 560 ? phone : desktop;
  canvas.style.width = cssWidth + 'px';
  canvas.style.height = cssHeight + 'px';
  const w = Math.round(cssWidth * ratio);
  const h = Math.round(cssHeight * ratio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return ratio;
}

function drawCharts(app, which = ['price', 'oi', 'ladder']) {
  if (which.includes('price')) app.draw_price($('#price-chart'), sizeCanvas($('#price-chart')));
  if (which.includes('oi')) app.draw_open_interest($('#oi-chart'), sizeCanvas($('#oi-chart')));
  if (which.includes('ladder')) app.draw_ladder($('#ladder-chart'), sizeCanvas($('#ladder-chart')));
}

function wireHover(app) {
  const canvas = $('#price-chart');
  const tip = $('#price-tooltip');
  const line = $('#crosshair');
  let pending = null;
  const hide = () => { tip.hidden = true; line.hidden = true; };
  const show = (xCss) => {
    const h = app.hover_price(xCss);
    if (!h) return hide();
    const area = app.price_plot_area_css();
    line.hidden = false;
    line.style.transform = `translateX(${h.x_px}px)`;
    line.style.top = area[1] + 'px';
    line.style.height = (area[3] - area[1]) + 'px';
    const where = h.inside ? `inside ${h.inside}` :
      `support ${h.support_usd != null ? usd0.format(h.support_usd) : 'none'}, resistance ${h.resistance_usd != null ? usd0.format(h.resistance_usd) : 'none'}`;
    tip.dataset.date = h.date;
    tip.textContent = `${fmtDate(h.date)} (UTC)${h.partial ? ', partial day' : ''} · O ${num0.format(h.open_usd)} H ${num0.format(h.high_usd)} L ${num0.format(h.low_usd)} C ${num0.format(h.close_usd)}` +
      (h.change_pct != null ? ` · ${h.change_pct > 0 ? '+' : ''}${num1.format(h.change_pct)}% on the day` : '') + ` · ${where}`;
    tip.hidden = false;
    const width = canvas.clientWidth;
    const tipWidth = Math.min(280, width - 16);
    tip.style.maxWidth = tipWidth + 'px';
    tip.style.left = Math.max(8, Math.min(h.x_px + 12, width - tipWidth - 8)) + 'px';
  };
  canvas.addEventListener('pointermove', (ev) => {
    const rect = canvas.getBoundingClientRect();
    const x = ev.clientX - rect.left;
    if (pending == null) pending = requestAnimationFrame(() => { pending = null; show(x); });
  });
  canvas.addEventListener('pointerleave', hide);
  // Keyboard: ←/→ step a day across the chart.
  let idx = null;
  canvas.addEventListener('keydown', (ev) => {
    const n = app.bar_count();
    const step = { ArrowLeft: -1, ArrowRight: 1 }[ev.key];
    if (step == null && ev.key !== 'Home' && ev.key !== 'End') return;
    ev.preventDefault();
    const area = app.price_plot_area_css();
    if (ev.key === 'Home') idx = 0;
    else if (ev.key === 'End') idx = n - 1;
    else idx = Math.max(0, Math.min(n - 1, (idx ?? n) + step * (ev.shiftKey ? 7 : 1)));
    show(area[0] + (idx + 0.5) / n * (area[2] - area[0]));
  });
  canvas.addEventListener('blur', hide);
}

function wireControls(app) {
  const box = $('.scenario-options');
  box.replaceChildren(...SCENARIOS.map(([id, label], i) => {
    const wrap = document.createElement('label');
    const input = document.createElement('input');
    Object.assign(input, { type: 'radio', name: 'scenario', value: id, checked: i === 0 });
    input.dataset.scenario = id;
    wrap.append(input, ' ', label);
    return wrap;
  }));
  box.addEventListener('change', (ev) => {
    const id = ev.target.dataset.scenario;
    if (!id) return;
    app.set_scenario(id);
    render(app, 'figures');
    drawCharts(app, ['price', 'ladder']);
  });
  const dateInput = $('#reference-date');
  const [first, last] = app.date_span();
  dateInput.min = first;
  dateInput.max = last;
  const note = $('#reference-error');
  let lastGood = '';
  dateInput.addEventListener('change', () => {
    try {
      app.set_reference_date(dateInput.value);
      note.textContent = '';
      lastGood = dateInput.value;
    } catch (e) {
      // The figures keep the last good reference, and so does the input.
      note.textContent = e.message.replace(/^reference date: /, '');
      dateInput.value = lastGood;
      return;
    }
    render(app);
    drawCharts(app, ['price', 'ladder']);
  });
  $('#reference-article').addEventListener('click', () => {
    dateInput.value = '';
    lastGood = '';
    app.set_reference_date('');
    note.textContent = '';
    render(app);
    drawCharts(app, ['price', 'ladder']);
  });
}

async function main() {
  let app;
  try {
    const [prices, figures] = await Promise.all([fetchText(PRICES), fetchText(FIGURES), init()]);
    app = new App(prices, PRICES.split('/').pop(), figures, FIGURES.split('/').pop());
  } catch (e) {
    const msg = e instanceof WebAssembly.CompileError || /wasm|WebAssembly/i.test(String(e?.message))
      ? `the WebAssembly module failed to load (${e.message})` : (e?.message ?? String(e));
    showError(msg);
    return;
  }
  wireControls(app);
  render(app);
  drawCharts(app);
  wireHover(app);
  let queued = false;
  const redraw = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; drawCharts(app); }); } };
  let lastWidth = 0;
  new ResizeObserver(() => {
    const w = $('#explainer').clientWidth;
    if (w !== lastWidth) { lastWidth = w; redraw(); }
  }).observe($('#explainer'));
  const watchRatio = () => matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener('change', () => { redraw(); watchRatio(); }, { once: true });
  watchRatio();
  root.dataset.state = 'ready';
}

main();
