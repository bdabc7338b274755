// End-to-end test of the page (tools/CONTRACT.md) in Debian's Chromium, driven by playwright-core.
// Plain Node script, no test runner:   BASE_URL=http://127.0.0.1:8000/ node tests/e2e/e2e.mjs
// Every expected figure is computed here, independently, from the CSV; the page must agree.
// Checks are "soft": a failed check is recorded and the run goes on, so one run lists every failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'tests/e2e/out');
const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8000/';
const DATA_NAME = 'btcusd_bitstamp_daily.csv';
const DATA_FILES = [
  path.join(ROOT, 'www/data', DATA_NAME),
  path.join(ROOT, '../shared/data/bitstamp_btcusd_daily_ohlcv_2025-08_2026-07_polv89.csv'),
  '/work/shared/data/bitstamp_btcusd_daily_ohlcv_2025-08_2026-07_polv89.csv',
];
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];
const READY_TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------------------------------------
// Result bookkeeping

const results = [];
function pass(name, detail = '') { results.push({ ok: true, name }); console.log(`  ok    ${name}${detail ? ` (${detail})` : ''}`); }
function fail(name, detail) { results.push({ ok: false, name, detail }); console.log(`  FAIL  ${name}: ${detail}`); }
function check(name, ok, detail) { ok ? pass(name) : fail(name, detail); return ok; }
function section(title) { console.log(`\n## ${title}`); }

// ---------------------------------------------------------------------------------------------
// Data and the expected figures (the test's own oracle)

function loadCsv() {
  const file = DATA_FILES.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no data file found in: ${DATA_FILES.join(', ')}`);
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const header = lines[0].split(',');
  const col = (name) => header.indexOf(name);
  const rows = lines.slice(1).map((l) => {
    const f = l.split(',');
    return { date: f[col('date')], open: +f[col('open')], high: +f[col('high')], low: +f[col('low')], close: +f[col('close')] };
  });
  return { file, rows, byDate: new Map(rows.map((r) => [r.date, r])) };
}

const pct = (x) => x * 100;
const closeOn = (data, date) => {
  const row = data.byDate.get(date);
  if (!row) throw new Error(`no row for ${date} in the data`);
  return row.close;
};

function computeExpected(data) {
  const ath = data.rows.reduce((a, r) => (r.high > a.high ? r : a));
  const crashRows = data.rows.filter((r) => r.date >= '2026-01-29' && r.date <= '2026-02-08');
  const crash = crashRows.reduce((a, r) => (r.low < a.low ? r : a));
  const OI_BEFORE = 61; const OI_AFTER = 49; // aggregate BTC futures open interest, USD billions (article)
  const weekWindows = [['2026-01-29', '2026-02-05'], ['2026-01-30', '2026-02-06']];
  const coinOi = weekWindows.map(([d0, d1]) => pct((OI_AFTER / OI_BEFORE) / (closeOn(data, d1) / closeOn(data, d0)) - 1));
  const reference = crash.low * 1.06;
  const levels = [ // [bottom, top] in USD; a point level has bottom == top
    [75000, 80000], [89070, 89070], [50000, 55000], [43000, 43000], [32851, 32851], [ath.high, ath.high],
  ];
  const scenarios = { // point target: number; range target: [low, high]
    recovery: 89070, range: [55000, 75000], retest: [50000, 55000], breakdown: 43000, catastrophic: 32851,
  };
  return {
    ath, crash, levels, scenarios, reference,
    metrics: {
      ath_usd: ath.high,
      ath_date: ath.date,
      crash_low_usd: crash.low,
      crash_low_date: crash.date,
      drawdown_at_low_pct: pct(1 - crash.low / ath.high),
      oi_change_pct: pct((OI_AFTER - OI_BEFORE) / OI_BEFORE),
      week1_coin_oi_change_pct: coinOi[0],
      week2_coin_oi_change_pct: coinOi[1],
      // Coins closed in the week to 6 Feb (61e9/P0 − 49e9/P1), valued at P1..P0; $2–2.5B of BTC
      // liquidations against that. The week to 5 Feb has coin OI rising: no share.
      week2_liquidations_share_pct: (() => {
        const [p0, p1] = [closeOn(data, '2026-01-30'), closeOn(data, '2026-02-06')];
        const closed = 61e9 / p0 - 49e9 / p1;
        return [pct(2e9 / (closed * Math.max(p0, p1))), pct(2.5e9 / (closed * Math.min(p0, p1)))];
      })(),
      week1_liquidations_share_pct: ABSENT,
    },
  };
}

// Support/resistance around a target (point T or range [lo, hi]); null when there is none.
function supportResistance(levels, target) {
  const isRange = Array.isArray(target);
  const below = levels.filter(([, b]) => (isRange ? b <= target[0] : b < target));
  const above = levels.filter(([a]) => (isRange ? a >= target[1] : a > target));
  return {
    support: below.length ? Math.max(...below.map(([, b]) => b)) : null,
    resistance: above.length ? Math.min(...above.map(([a]) => a)) : null,
  };
}

// Everything that depends on the scenario and the reference price.
function scenarioMetrics(exp, id, reference) {
  const target = exp.scenarios[id];
  const ath = exp.ath.high;
  const move = (t) => pct(t / reference - 1);
  const drawdown = (t) => pct(1 - t / ath);
  const sr = supportResistance(exp.levels, target);
  return {
    target_usd: target,
    // A band that holds the reference needs no move: the sentence says so instead.
    move_pct: Array.isArray(target) ? (target[0] <= reference && reference <= target[1] ? ABSENT : [move(target[0]), move(target[1])]) : move(target),
    drawdown_at_target_pct: Array.isArray(target) ? [drawdown(target[1]), drawdown(target[0])] : drawdown(target),
    target_support_usd: sr.support,
    target_resistance_usd: sr.resistance,
  };
}

function referenceMetrics(exp, reference) {
  const sr = supportResistance(exp.levels, reference);
  return { reference_usd: reference, nearest_support_usd: sr.support, nearest_resistance_usd: sr.resistance };
}

// The oracle itself is checked against the figures the brief states, so a changed data file shows up here.
function checkOracle(exp) {
  section('expected values (computed from the CSV)');
  const near = (a, b, tol) => Math.abs(a - b) <= tol;
  const m = exp.metrics;
  check('oracle: ATH 126272 on 2025-10-06', m.ath_usd === 126272 && m.ath_date === '2025-10-06', `${m.ath_usd} on ${m.ath_date}`);
  check('oracle: crash low 59930 on 2026-02-06', m.crash_low_usd === 59930 && m.crash_low_date === '2026-02-06', `${m.crash_low_usd} on ${m.crash_low_date}`);
  check('oracle: drawdown at low 52.54 %', near(m.drawdown_at_low_pct, 52.54, 0.006), m.drawdown_at_low_pct);
  check('oracle: coin OI change +8.13 % (week to 5 Feb), -4.18 % (week to 6 Feb)', near(m.week1_coin_oi_change_pct, 8.13, 0.01) && near(m.week2_coin_oi_change_pct, -4.18, 0.01), `${m.week1_coin_oi_change_pct}, ${m.week2_coin_oi_change_pct}`);
  check('oracle: liquidations 78.36–116.83 % of the positions closed in the week to 6 Feb', near(m.week2_liquidations_share_pct[0], 78.36, 0.01) && near(m.week2_liquidations_share_pct[1], 116.83, 0.01), m.week2_liquidations_share_pct.join('..'));
  check('oracle: reference 63525.8', near(exp.reference, 63525.8, 0.01), exp.reference);
  const expectedSR = {
    recovery: [80000, 126272], range: [55000, 75000], retest: [43000, 75000], breakdown: [32851, 50000], catastrophic: [null, 43000],
  };
  for (const [id, [s, r]] of Object.entries(expectedSR)) {
    const got = supportResistance(exp.levels, exp.scenarios[id]);
    check(`oracle: ${id} support/resistance ${s}/${r}`, got.support === s && got.resistance === r, `${got.support}/${got.resistance}`);
  }
  const atRef = supportResistance(exp.levels, exp.reference);
  check('oracle: nearest support/resistance at the reference 55000/75000', atRef.support === 55000 && atRef.resistance === 75000, `${atRef.support}/${atRef.resistance}`);
}

// ---------------------------------------------------------------------------------------------
// Reading the page

const PROVENANCE = new Set(['computed', 'article', 'reported', 'not_found']);
const ABSENT = Symbol('absent'); // the sentence leaves the figure out

function toleranceFor(id) {
  if (id.endsWith('_pct')) return 0.006; // data-value is rounded to 2 decimals
  if (id.endsWith('_usd')) return 0.5;
  return 0.01;
}

// All elements carrying one metric id, with their raw attributes.
async function readMetric(page, id) {
  return page.$$eval(`[data-metric="${id}"]`, (els) => els.map((e) => ({
    value: e.getAttribute('data-value'),
    low: e.getAttribute('data-low'),
    high: e.getAttribute('data-high'),
    provenance: e.getAttribute('data-provenance'),
    text: e.textContent.trim(),
  })));
}

// Does one element match the expectation? Returns an error string or null.
// expected: number (point), [low, high] (range), null (none), string (date or text id).
function metricMismatch(id, el, expected) {
  const tol = toleranceFor(id);
  const num = (s) => (s === null || s.trim() === '' ? NaN : Number(s));
  const off = (got, want) => !(Math.abs(num(got) - want) <= tol);
  if (!PROVENANCE.has(el.provenance)) return `data-provenance="${el.provenance}"`;
  if (expected === null) {
    if (el.value !== null && el.value.trim() !== '') return `expected no value, data-value="${el.value}"`;
    if (el.low !== null || el.high !== null) return `expected no value, data-low/high="${el.low}/${el.high}"`;
    if (!/none/i.test(el.text)) return `expected the text to say none, text="${el.text}"`;
    return null;
  }
  if (typeof expected === 'string') return el.value === expected ? null : `data-value="${el.value}", expected "${expected}"`;
  if (Array.isArray(expected)) {
    if (off(el.low, expected[0]) || off(el.high, expected[1])) {
      return `data-low/high=${el.low}/${el.high}, expected ${expected[0].toFixed(2)}/${expected[1].toFixed(2)} ±${tol}`;
    }
    return null;
  }
  return off(el.value, expected) ? `data-value=${el.value}, expected ${expected.toFixed(2)} ±${tol}` : null;
}

// One check per metric id: every occurrence on the page must match.
async function expectMetric(page, label, id, expected) {
  const els = await readMetric(page, id);
  if (expected === ABSENT) return check(`${label}: ${id} left out`, els.length === 0, `${els.length} elements`);
  // A figure with no value may be left out of its sentence ("with no level below").
  if (els.length === 0 && expected === null) return pass(`${label}: ${id} (none, left out)`);
  if (els.length === 0) return fail(`${label}: ${id}`, `no element with data-metric="${id}"`);
  const errors = els.map((el) => metricMismatch(id, el, expected)).filter(Boolean);
  if (errors.length) return fail(`${label}: ${id}`, `${errors.length}/${els.length} elements wrong: ${errors[0]}`);
  pass(`${label}: ${id}`, els.length > 1 ? `${els.length} elements` : '');
}

async function expectMetrics(page, label, metrics) {
  for (const [id, expected] of Object.entries(metrics)) await expectMetric(page, label, id, expected);
}

// Waits for data-state ready or error; returns the state ('timeout' if neither came).
async function waitForState(page) {
  try {
    await page.waitForSelector('html[data-state=ready], html[data-state=error]', { state: 'attached', timeout: READY_TIMEOUT_MS });
  } catch {
    return 'timeout';
  }
  return page.evaluate(() => document.documentElement.dataset.state);
}

async function loadErrorText(page) {
  const el = page.locator('#load-error');
  return (await el.count()) ? (await el.textContent()).trim() : '(no #load-error element)';
}

// Console errors, page errors and failed requests of a page are problems (except in the error cases).
function watchProblems(page, label, problems) {
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`${label} console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`${label} page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`${label} request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`${label} HTTP ${res.status()}: ${res.url()}`); });
}

// Opens the page and waits for ready; returns true when it is ready.
async function openReady(page, label) {
  await page.goto(BASE_URL + '?layout=full');
  const state = await waitForState(page);
  if (state === 'error') return fail(`${label}: page ready`, `data-state=error, #load-error: ${await loadErrorText(page)}`), false;
  return check(`${label}: page ready`, state === 'ready', `data-state=${state} after ${READY_TIMEOUT_MS} ms`);
}

// ---------------------------------------------------------------------------------------------
// Checks on the ready page

async function checkStaticMetrics(page, exp) {
  section('figures from the data and the article');
  await expectMetrics(page, 'static', exp.metrics);
  await expectMetrics(page, 'article reference', referenceMetrics(exp, exp.reference));
  const ref = await readMetric(page, 'reference_usd');
  check('article reference: reference_usd is computed', ref.length > 0 && ref.every((e) => e.provenance === 'computed'),
    `data-provenance=${ref.map((e) => e.provenance).join(',')}`);
}

async function targetAttrs(page) {
  return JSON.stringify((await readMetric(page, 'target_usd')).map(({ value, low, high }) => ({ value, low, high })));
}

async function selectScenario(page, id) {
  await page.locator(`input[data-scenario="${id}"]`).check({ timeout: 5000 });
}

async function checkScenarios(page, exp) {
  section('scenarios');
  const checked = await page.$$eval('input[data-scenario]', (els) => els.filter((e) => e.checked).map((e) => e.dataset.scenario));
  check('default scenario is recovery', checked.length === 1 && checked[0] === 'recovery', `checked: [${checked}]`);
  await expectMetrics(page, 'default (recovery)', scenarioMetrics(exp, 'recovery', exp.reference));

  for (const id of ['range', 'retest', 'breakdown', 'catastrophic', 'recovery']) {
    const before = await targetAttrs(page);
    try {
      await selectScenario(page, id);
    } catch (e) {
      fail(`scenario ${id}: select`, e.message.split('\n')[0]);
      continue;
    }
    const after = await targetAttrs(page);
    check(`scenario ${id}: target changed`, after !== before, `target_usd stayed ${after}`);
    await expectMetrics(page, `scenario ${id}`, scenarioMetrics(exp, id, exp.reference));
    await screenshotFigures(page, id);
  }
}

async function checkReferenceDate(page, exp, data) {
  section('reference price');
  const date = '2026-03-16';
  const close = closeOn(data, date);
  const input = page.locator('#reference-date');
  await input.fill(date);
  await input.dispatchEvent('change');
  await expectMetrics(page, `reference ${date} (close ${close})`, referenceMetrics(exp, close));
  await expectMetrics(page, `reference ${date}, scenario recovery`, scenarioMetrics(exp, 'recovery', close));

  await page.locator('#reference-article').click();
  await expectMetrics(page, 'back to article reference', referenceMetrics(exp, exp.reference));
  await expectMetrics(page, 'back to article reference, scenario recovery', scenarioMetrics(exp, 'recovery', exp.reference));
}

async function checkTooltip(page, data) {
  section('price chart tooltip');
  await page.locator("#price-chart").scrollIntoViewIfNeeded();
  const box = await page.locator("#price-chart").boundingBox();
  if (!box) return fail('tooltip: #price-chart has a box', 'not visible');
  const fmt = (v) => Math.round(v).toLocaleString('en-US');
  const dates = [];
  for (const fx of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    const x = box.x + box.width * fx; const y = box.y + box.height * 0.5;
    await page.mouse.move(x, y, { steps: 4 });
    const tip = page.locator('#price-tooltip');
    const name = `tooltip at ${Math.round(fx * 100)} % of the width`;
    if (!(await tip.isVisible())) { fail(name, '#price-tooltip not visible'); continue; }
    const date = await tip.getAttribute('data-date');
    const row = data.byDate.get(date);
    if (!row) { fail(name, `data-date="${date}" is not a day in the data`); continue; }
    const text = (await tip.textContent()) ?? '';
    const missing = ['open', 'high', 'low', 'close'].filter((k) => !text.includes(fmt(row[k])));
    check(`${name}: ${date} O/H/L/C`, missing.length === 0,
      `text "${text.trim()}" lacks ${missing.map((k) => `${k} ${fmt(row[k])}`).join(', ')}`);
    dates.push(date);
  }
  const sorted = dates.every((d, i) => i === 0 || d >= dates[i - 1]);
  check('tooltip: dates follow the mouse left to right', sorted && new Set(dates).size >= 3, `dates: ${dates.join(', ')}`);
  await page.mouse.move(0, 0);
}

async function reportTiming(page) {
  section('timing (reported, not asserted)');
  const ids = ['range', 'retest', 'breakdown', 'catastrophic', 'recovery'];
  // Per click: the synchronous part (the change handler recomputing and redrawing) and click -> next frame.
  const times = await page.evaluate(async (ids) => {
    const out = [];
    for (let i = 0; i < 20; i++) {
      const input = document.querySelector(`input[data-scenario="${ids[i % ids.length]}"]`);
      const t0 = performance.now();
      input.click();
      const t1 = performance.now();
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      out.push({ sync: t1 - t0, frame: performance.now() - t0 });
    }
    return out;
  }, ids);
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return (s[9] + s[10]) / 2; };
  const range = (xs) => `min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}`;
  const sync = times.map((t) => t.sync); const frame = times.map((t) => t.frame);
  console.log(`  scenario click, 20 clicks: handler (synchronous) median ${median(sync).toFixed(1)} ms (${range(sync)})`);
  console.log(`  scenario click -> next animation frame: median ${median(frame).toFixed(1)} ms (${range(frame)}; includes waiting for the frame)`);
}

function reportSizes() {
  section('sizes (reported, not asserted)');
  const files = [
    ['wasm', 'www/pkg/leverage_reset_bg.wasm'],
    ['JS glue', 'www/pkg/leverage_reset.js'],
    ['on demand', 'www/pkg/full/leverage_reset_bg.wasm'],
    ['on demand', 'www/pkg/full/leverage_reset.js'],
    ['data', `www/data/${DATA_NAME.replace(/\.csv$/, '.bin')}`],
    ['data', 'www/data/story_figures.bin'],
    ['page', 'www/index.html'],
    ['page', 'www/main.min.js'],
    ['page', 'www/style.min.css'],
  ];
  let totalRaw = 0; let totalGz = 0;
  for (const [kind, rel] of files) {
    const f = path.join(ROOT, rel);
    if (!fs.existsSync(f)) { console.log(`  ${kind.padEnd(10)} ${rel}: missing`); continue; }
    const buf = fs.readFileSync(f);
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    if (kind !== 'on demand') { totalRaw += buf.length; totalGz += gz; }
    console.log(`  ${kind.padEnd(10)} ${rel.padEnd(38)} ${(buf.length / 1024).toFixed(1).padStart(7)} KB raw ${(gz / 1024).toFixed(1).padStart(7)} KB gzip -9`);
  }
  console.log(`  ${'total'.padEnd(10)} ${'(without the modules on demand)'.padEnd(38)} ${(totalRaw / 1024).toFixed(1).padStart(7)} KB raw ${(totalGz / 1024).toFixed(1).padStart(7)} KB gzip -9`);
}

// ---------------------------------------------------------------------------------------------
// Screenshots

async function screenshotFigures(page, scenario) {
  for (const chart of ['price-chart', 'ladder-chart']) {
    const figure = page.locator(`figure:has(#${chart})`).first();
    if (await figure.count()) await figure.screenshot({ path: path.join(OUT, `scenario-${scenario}-${chart}.png`) });
  }
}

async function checkPhone(browser, problems) {
  section('phone (360x740 @2x)');
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  watchProblems(page, 'phone', problems);
  if (await openReady(page, 'phone')) {
    await page.screenshot({ path: path.join(OUT, 'phone-full.png'), fullPage: true });
    // The page must not scroll sideways on a phone, whatever the scenario or reference.
    for (const [scenario, date] of [['recovery', ''], ['catastrophic', ''], ['catastrophic', '2025-08-01']]) {
      await page.locator(`[data-scenario="${scenario}"]`).check();
      await page.locator('#reference-date').fill(date);
      await page.locator('#reference-date').dispatchEvent('change');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`phone: no sideways scroll (${scenario}, reference ${date || 'article'})`, width <= 360, `scroll width ${width}px`);
    }
    // A date outside the data keeps the last good reference in the figures and in the input.
    // (Set directly: a date input may ignore typed values outside min/max, a script or an old
    // browser does not.)
    await page.evaluate(() => { const el = document.querySelector('#reference-date'); el.min = ''; el.value = '2024-01-01'; el.dispatchEvent(new Event('change', { bubbles: true })); });
    const after = await page.evaluate(() => [document.querySelector('#reference-date').value, document.querySelector('#reference-error').textContent]);
    check('phone: an out-of-range date is refused and said so', after[0] === '2025-08-01' && /no close for 2024-01-01/.test(after[1]), JSON.stringify(after));
  }
  await context.close();
}

// ---------------------------------------------------------------------------------------------
// Error cases (own contexts; console errors are expected there)

const COMPACT_NAME = DATA_NAME.replace(/\.csv$/, '.bin');
const isCompactDataUrl = (url) => new URL(url).pathname.endsWith(`/data/${COMPACT_NAME}`);
const isWasmUrl = (url) => new URL(url).pathname.endsWith('.wasm');

async function expectErrorState(page, name, mustMention) {
  const state = await waitForState(page);
  if (!check(`${name}: data-state=error`, state === 'error', `data-state=${state}`)) return;
  const msg = await loadErrorText(page);
  check(`${name}: #load-error visible`, await page.locator('#load-error').isVisible(), 'hidden');
  check(`${name}: charts hidden`, !(await page.locator('#price-chart').isVisible()), '#price-chart still visible');
  for (const [what, re] of mustMention) check(`${name}: message names ${what}`, re.test(msg), `#load-error: "${msg}"`);
  console.log(`  info  ${name} message: "${msg}"`);
}

async function checkBadData(browser) {
  section('error case: damaged bundled data');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // The page reads the bundled prices in their compact form (src/model/compact.rs): cut off
  // its last 3 bytes.
  let cut = null;
  await context.route(isCompactDataUrl, async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    cut = body.length - 3;
    await route.fulfill({ response: res, body: body.subarray(0, cut) });
  });
  const page = await context.newPage();
  await page.goto(BASE_URL + '?layout=full');
  await expectErrorState(page, 'bad data', [
    ['the file', new RegExp(DATA_NAME.replace('.', '\\.'))],
    ['its compact form and the byte where reading stopped', { test: (msg) => cut !== null && /compact form \(\.bin\), byte (\d+)/.test(msg) && Number(msg.match(/byte (\d+)/)[1]) <= cut }],
    ['that it is cut short', /truncated/],
  ]);
  check('bad data: route was hit', cut !== null, `no request matched */data/${COMPACT_NAME}`);
  await context.close();
}

async function checkMissingWasm(browser) {
  section('error case: wasm 404');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  let hit = false;
  await context.route(isWasmUrl, (route) => { hit = true; return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }); });
  const page = await context.newPage();
  await page.goto(BASE_URL + '?layout=full');
  await expectErrorState(page, 'wasm 404', [['WebAssembly', /wasm|webassembly/i]]);
  check('wasm 404: route was hit', hit, 'no .wasm request seen');
  await context.close();
}

// The full module on demand (www/main.js, needFull): the default page fetches the default wasm
// alone; a reader's data brings the full one (JSON reading, the event study). A failed fetch of it
// is said in words and the page keeps working; the next try loads it, and the figures, the state
// and the hover are the same on it.
async function checkFullModule(browser) {
  section('the full module, on demand');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const wasm = [];
  let refuse = true;
  await context.route((url) => url.pathname.includes('/pkg/full/'), (route) => (refuse ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' }) : route.continue()));
  context.on('request', (r) => { if (isWasmUrl(r.url())) wasm.push(new URL(r.url()).pathname); });
  const histories = [];
  context.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/btcusd_daily_closes_2020_2025.bin')) histories.push(r.url()); });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE_URL + 'index.html#scenario=retest');
  await page.waitForSelector('html[data-state=ready]', { timeout: READY_TIMEOUT_MS });
  const module = () => page.evaluate(() => window.leverageReset.coreModule());
  check('the default page fetches the default wasm only', wasm.length === 1 && wasm[0].endsWith('/pkg/leverage_reset_bg.wasm') && (await module()) === 'default', `${JSON.stringify(wasm)}, ${await module()}`);
  // The long history is the full analysis's: it comes with the full module.
  await page.waitForTimeout(300);
  check('… and not the long history of closes', histories.length === 0 && (await page.evaluate(() => document.documentElement.dataset.history ?? null)) === null, JSON.stringify(histories));
  const read = () => page.evaluate(() => ({
    figures: [...document.querySelectorAll('[data-text] [data-metric]')].map((el) => `${el.dataset.metric}=${el.textContent}`).join('|'),
    text: [...document.querySelectorAll('[data-text]')].map((el) => el.textContent).join('|'),
    state: window.leverageReset.state(),
  }));
  const before = await read();
  const bundled = BASE_URL + 'data/btcusd_bitstamp_daily.csv';
  const refused = await page.evaluate((u) => window.leverageReset.loadData(u), bundled);
  check('a refused full module: the load fails in words, naming what could not be fetched', !refused.ok && /: a part of the explainer could not be fetched from its server\. The bundled story is shown instead\.$/.test(refused.message) && (await module()) === 'default', JSON.stringify(refused));
  const again = await page.evaluate((u) => window.leverageReset.loadData(u), bundled);
  check('… refused twice, it still says the bundled story is shown (nothing was loaded)', !again.ok && /The bundled story is shown instead\.$/.test(again.message), JSON.stringify(again));
  await page.locator('input[data-scenario="breakdown"]').check();
  await page.locator('input[data-scenario="retest"]').check();
  const still = await read();
  check('… and the page keeps working on the default module (a switch and back, the same text)', still.text === before.text && still.figures === before.figures, 'the text changed');
  // The SVG download needs the full module's writer: refused, it says so beside the buttons.
  // (the buttons are hidden in the compact layout: clicked from script)
  const clickSvg = () => page.evaluate(() => document.querySelector('[data-download="svg"][data-chart="price"]').click());
  await clickSvg();
  const dlNote = await page.waitForFunction(() => document.querySelector('#answer .download-error, .download-error')?.textContent || null, null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => null);
  check('a refused full module: the SVG download fails in words beside its buttons', dlNote === 'The SVG download failed: a part of the explainer could not be fetched from its server; try again.', String(dlNote));
  // The full analysis is the full module's: the default module's view has only the answer's
  // paragraphs and no tables; opening the analysis with the module refused says so, with a
  // button to try again, and leaves the compact page as it was.
  const lean = await page.evaluate(() => { const v = window.leverageReset.app.view(); return { ids: v.text.map((p) => p.id).sort().join(','), claims: 'claims' in v, levels: 'levels' in v }; });
  check('the default module\'s view: the answer\'s paragraphs and the reference date\'s label only, no tables', lean.ids === 'caption_price,finding,label_reference_date,scenario_detail,scenario_meaning,scenario_summary' && !lean.claims && !lean.levels, JSON.stringify(lean));
  await page.click('#layout-toggle');
  const openNote = await page.waitForFunction(() => document.querySelector('.layout-error')?.textContent || null, null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => null);
  const closed = await page.evaluate(() => ({ expanded: document.querySelector('#layout-toggle').getAttribute('aria-expanded'), claims: getComputedStyle(document.querySelector('#claims')).display, button: !!document.querySelector('.layout-error button') }));
  check('a refused full module: opening the full analysis fails in words, with a button to try again, the page compact', openNote === 'The full analysis could not load: a part of the explainer could not be fetched from its server. Try again' && closed.button && closed.expanded === 'false' && closed.claims === 'none' && (await module()) === 'default', `${openNote} ${JSON.stringify(closed)}`);
  refuse = false;
  await page.click('.layout-error button');
  await page.waitForFunction(() => document.querySelector('#layout-toggle').getAttribute('aria-expanded') === 'true', null, { timeout: 15000 }).catch(() => {});
  const opened = await page.evaluate(() => ({
    claims: document.querySelectorAll('#claims-table tbody tr').length, levels: document.querySelectorAll('#levels-table tbody tr').length,
    ladder: (() => { const c = document.querySelector('#ladder-chart'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) n += d[i] > 0; return n; })(),
    note: document.querySelector('.layout-error').textContent, display: getComputedStyle(document.querySelector('#claims')).display,
  }));
  // 9 claims and 6 levels rows (the levels of the bundled story: $75-80k, $89,070, $50-55k, $43k, $32,851 and the highest high).
  check('… trying again loads it and opens the analysis: its tables filled, the ladder drawn, the note gone', (await module()) === 'full' && opened.claims === 9 && opened.levels === 6 && opened.ladder > 1000 && opened.note === '' && opened.display !== 'none', JSON.stringify(opened));
  // The claims' reasons mark their figures as the paragraphs do, visible without hover: the
  // first reason reads "$61B A to $49B A is a fall of 19.7% C" (the article's open interest, the
  // fall computed here), and every number in the column is followed by a mark.
  const why = await page.evaluate(() => {
    const cells = [...document.querySelectorAll('#claims-table tbody tr')].map((tr) => tr.cells[3]);
    const first = cells[0];
    // Each row: the marks drawn against the reason's parts that carry one (a value or date with
    // its provenance, a figure); no value without one; a date without one only of the frame.
    const reasons = window.leverageReset.app.view().claims.map((c) => c.reason);
    const frame = ['2026-01-29', '2026-02-05', '2026-02-08'];
    const rows = cells.map((td, i) => ({
      drawn: td.querySelectorAll('.mark').length,
      parts: reasons[i].filter((p) => p.p != null || p.f != null).length,
      bare: reasons[i].filter((p) => (p.v != null && p.p == null) || (p.date != null && p.p == null && !frame.includes(p.date))).length,
    }));
    return { first: first.textContent.slice(0, 40), marks: [...first.querySelectorAll('.mark')].slice(0, 3).map((m) => m.textContent + ':' + m.getAttribute('title')).join(' '), rows };
  });
  check('the claims\' reasons: every number carries its mark ($61B A, $49B A, 19.7% C)', why.first.startsWith('$61BA to $49BA is a fall of 19.7%C') && why.marks === 'A:stated by the article, not traced A:stated by the article, not traced C:computed here' && why.rows.length === 9 && why.rows.every((r) => r.drawn === r.parts && r.parts > 0 && r.bare === 0), JSON.stringify(why));
  await page.click('#layout-toggle'); // back to the compact page
  const [svgDownload] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }).catch(() => null), clickSvg()]);
  const noteAfter = await page.evaluate(() => document.querySelector('.download-error')?.textContent);
  check('… the next click loads it and downloads the SVG, the note gone', svgDownload != null && svgDownload.suggestedFilename() === 'leverage-reset-price.svg' && noteAfter === '' && (await module()) === 'full', `${svgDownload?.suggestedFilename()} ${JSON.stringify(noteAfter)}`);
  const loaded = await page.evaluate((u) => window.leverageReset.loadData(u), bundled);
  const after = await read();
  check('the full module brought the history with it', histories.length === 1 && (await page.evaluate(() => document.documentElement.dataset.history)) === 'loaded', JSON.stringify(histories));
  check('the next try loads the full module', loaded.ok && (await module()) === 'full' && wasm.some((w) => w.endsWith('/pkg/full/leverage_reset_bg.wasm')), `${JSON.stringify(loaded)} ${JSON.stringify(wasm)}`);
  check('on the full module: the same figures, text and state (retest)', after.figures === before.figures && after.text === before.text && after.state.scenario === 'retest', `${JSON.stringify(after.state)} ${after.text.split('|').map((t, i) => [t, before.text.split('|')[i]]).filter(([a, b]) => a !== b).map(([a, b]) => `now «${a.slice(0, 300)}» was «${b?.slice(0, 300)}»`).join(' ; ')} ${after.figures === before.figures ? '' : 'figures differ'}`);
  const box = await page.locator('#price-chart').boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await page.waitForFunction(() => !document.querySelector('#price-tooltip')?.hidden, null, { timeout: 5000 }).catch(() => {});
  check('… and the hover reads out a day', await page.evaluate(() => /\d/.test(document.querySelector('#price-tooltip')?.textContent ?? '') && !document.querySelector('#price-tooltip').hidden), 'no tooltip');
  // A reference date the new data do not have (they end on 28 Mar 2026): back to the article's
  // framing, said, with the date field and the hash following.
  await page.evaluate(() => window.leverageReset.setReference('2026-06-25'));
  const json = await page.evaluate((u) => window.leverageReset.loadData(u), BASE_URL + 'fixtures/coingecko_market_chart_2025-10-20_2026-03-28.json');
  check('the full module reads JSON (CoinGecko market_chart)', json.ok && /CoinGecko/.test(json.message), JSON.stringify(json));
  // One price a day: the hover says the day's reading once, not four equal prices of a candle.
  const box2 = await page.locator('#price-chart').boundingBox();
  await page.mouse.move(box2.x + box2.width * 0.6, box2.y + box2.height * 0.5);
  await page.mouse.move(box2.x + box2.width * 0.62, box2.y + box2.height * 0.5);
  await page.waitForFunction(() => / · reading [\d,]+ /.test(document.querySelector('#price-tooltip')?.textContent ?? ''), null, { timeout: 5000 }).catch(() => {});
  const tipCg = await page.evaluate(() => document.querySelector('#price-tooltip').textContent);
  check('… its hover reads a daily reading, not open, high, low and close', / · reading [\d,]+ /.test(tipCg) && !/ O [\d,]+ H /.test(tipCg), tipCg);
  await page.waitForFunction(() => location.hash === '#scenario=retest', null, { timeout: 3000 }).catch(() => {});
  const ref = await page.evaluate(() => ({ state: window.leverageReset.state().reference_date, input: document.querySelector('#reference-date').value, hash: location.hash }));
  check('a reference date the new data lack: said, and the field and the hash follow', /The reference date Jun 25, 2026 is not in these data, so the reference is the article's framing again\./.test(json.message) && ref.state === null && ref.input === '' && ref.hash === '#scenario=retest', `${json.message} ${JSON.stringify(ref)}`);
  // The date field offers the loaded data's days (CoinGecko's file: 20 Oct 2025 to 28 Mar 2026).
  const span = await page.evaluate(() => [document.querySelector('#reference-date').min, document.querySelector('#reference-date').max]);
  check('… and the date field offers the loaded data\'s days', span[0] === '2025-10-20' && span[1] === '2026-03-28', JSON.stringify(span));
  check('no page errors', errors.length === 0, errors.join(' | '));
  await context.close();

  // ?layout=full with the full module refused: the page falls back to the compact one (all of
  // which the default module computes), says so under the toggle with a way to try again, and
  // trying again opens the analysis, the event study (which needs the full module) included.
  const ctx2 = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  let refuse2 = true;
  await ctx2.route((url) => url.pathname.includes('/pkg/full/'), (route) => (refuse2 ? route.abort() : route.continue()));
  const p2 = await ctx2.newPage();
  const errors2 = [];
  p2.on('pageerror', (e) => errors2.push(e.message));
  await p2.goto(BASE_URL + 'index.html?layout=full');
  await p2.waitForSelector('html[data-state=ready]', { timeout: READY_TIMEOUT_MS });
  const fell = await p2.evaluate(() => ({
    layout: document.querySelector('#explainer').dataset.layout, note: document.querySelector('.layout-error')?.textContent,
    expanded: document.querySelector('#layout-toggle').getAttribute('aria-expanded'), claims: getComputedStyle(document.querySelector('#claims')).display,
  }));
  check('?layout=full without the full module: the compact page, the failure said under the toggle with a button to try again',
    fell.layout === 'compact' && fell.note === 'The full analysis could not load: a part of the explainer could not be fetched from its server. Try again' && fell.expanded === 'false' && fell.claims === 'none', JSON.stringify(fell));
  refuse2 = false;
  await p2.focus('.layout-error button');
  await p2.keyboard.press('Enter');
  await p2.waitForFunction(() => document.querySelector('#layout-toggle').getAttribute('aria-expanded') === 'true', null, { timeout: 15000 }).catch(() => {});
  check('… trying again opens the analysis, the focus moved from the removed button to the toggle', await p2.evaluate(() => document.activeElement?.id === 'layout-toggle' && document.querySelector('#explainer').dataset.layout === 'full' && document.querySelectorAll('#claims-table tbody tr').length === 9), await p2.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName));
  await p2.locator('#events').scrollIntoViewIfNeeded();
  await p2.waitForSelector('#events[data-state=ready]', { timeout: 15000 }).catch(() => {});
  check('… the event study included', await p2.evaluate(() => document.querySelector('#events').dataset.state === 'ready' && document.querySelector('#events-error').hidden && !document.querySelector('#fig-events').hidden && document.querySelectorAll('#events-table tbody tr').length > 3), 'not ready');
  check('no page errors (event study retry)', errors2.length === 0, errors2.join(' | '));
  await ctx2.close();

  // The event study's wiring (www/events.js) is a file of its own: refused, the same words and
  // the same way to try again.
  const ctx3 = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  let refuse3 = true;
  await ctx3.route((url) => url.pathname.endsWith('/events.min.js'), (route) => (refuse3 ? route.abort() : route.continue()));
  const p3 = await ctx3.newPage();
  await p3.goto(BASE_URL + 'index.html?layout=full');
  await p3.waitForSelector('html[data-state=ready]', { timeout: READY_TIMEOUT_MS });
  await p3.locator('#events').scrollIntoViewIfNeeded();
  await p3.waitForSelector('#events-error:not([hidden])', { timeout: 10000 }).catch(() => {});
  const said3 = await p3.evaluate(() => ({ text: document.querySelector('#events-error').textContent, figure: document.querySelector('#fig-events').hidden }));
  check('the event study without its wiring file: said in words, a button to try again', /^The comparison could not load: a part of the explainer could not be fetched from its server\. Try again$/.test(said3.text) && said3.figure, JSON.stringify(said3));
  refuse3 = false;
  await p3.click('#events-error button');
  await p3.waitForSelector('#events[data-state=ready]', { timeout: 15000 }).catch(() => {});
  check('… and trying again loads it', await p3.evaluate(() => document.querySelector('#events').dataset.state === 'ready' && document.querySelector('#events-error').hidden && document.querySelectorAll('#events-table tbody tr').length > 3), 'not ready');
  await ctx3.close();
}

// ---------------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  console.log(`e2e: ${BASE_URL}`);
  const data = loadCsv();
  console.log(`e2e: expected values from ${path.relative(ROOT, data.file) || data.file} (${data.rows.length} days)`);
  const exp = computeExpected(data);
  checkOracle(exp);

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const problems = [];
  try {
    section('desktop (1200x900)');
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    watchProblems(page, 'desktop', problems);
    if (await openReady(page, 'desktop')) {
      await page.screenshot({ path: path.join(OUT, 'desktop-full.png'), fullPage: true });
      await checkStaticMetrics(page, exp);
      await checkScenarios(page, exp);
      await checkReferenceDate(page, exp, data);
      await checkTooltip(page, data);
      await reportTiming(page);
    }
    await context.close();

    await checkPhone(browser, problems);

    section('console errors, page errors, failed requests (desktop and phone)');
    check('no console errors, page errors or failed requests', problems.length === 0, `\n        ${problems.join('\n        ')}`);

    await checkBadData(browser);
    await checkMissingWasm(browser);
    await checkFullModule(browser);
  } finally {
    await browser.close();
  }
  reportSizes();

  const failed = results.filter((r) => !r.ok);
  console.log(`\nscreenshots: ${path.relative(process.cwd(), OUT) || OUT}/`);
  if (failed.length) {
    console.log(`\nE2E FAIL: ${failed.length} of ${results.length} checks failed:`);
    for (const r of failed) console.log(`  - ${r.name}: ${r.detail}`);
    process.exit(1);
  }
  console.log(`\nE2E PASS: ${results.length} checks`);
}

main().catch((err) => {
  console.error(`\nE2E FAIL: ${err.stack || err}`);
  process.exit(1);
});
