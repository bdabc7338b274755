// End-to-end test of issue 11's memory target, in Debian's Chromium with playwright-core: after a
// large price file (4.8 MB, made here) is replaced by the bundled one, the page works on a new wasm
// instance whose memory is back under 1.25× its start, and the old instance is collected. Checked
// on the page, on a host page with two explainers (custom elements) and on the one-file build.
// Prints the memory after a large file replaced by smaller loaded files (never asserted).
// Plain Node script: BASE_URL=http://127.0.0.1:8000/ node tests/e2e/memory.mjs (tools/server.py)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASE_URL, ROOT, check, finish, launch, section } from './harness.mjs';
import { bigCsv } from '../../tools/bench/big_csv.mjs';

const BUNDLED = fs.readFileSync(path.join(ROOT, 'www/data/btcusd_bitstamp_daily.csv'), 'utf8');
const FILES = { big: bigCsv(BUNDLED, 4.8), mid: bigCsv(BUNDLED, 1.5), small: bigCsv(BUNDLED, 0.5) };
const fileUrl = (name) => `${BASE_URL}memory-test/${name}.csv`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;

// Serves the generated files (with CORS, for the one-file build's opaque origin), keeps a weak
// reference to each wasm instance's memory (to see the old one collected), and collects errors.
async function prepare(context) {
  await context.route(`${BASE_URL}memory-test/*.csv`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop().replace('.csv', '');
    route.fulfill({ status: 200, contentType: 'text/csv', headers: { 'Access-Control-Allow-Origin': '*' }, body: FILES[name] });
  });
  await context.addInitScript(() => {
    const Instance = WebAssembly.Instance;
    window.__memories = [];
    WebAssembly.Instance = function (module, imports) {
      const instance = new Instance(module, imports);
      window.__memories.push(new WeakRef(instance.exports.memory));
      return instance;
    };
    WebAssembly.Instance.prototype = Instance.prototype;
  });
  const problems = [];
  context.on('page', (page) => {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
  });
  return problems;
}

// Garbage-collects, then says which instances' memories are still alive.
async function alive(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(100);
  await cdp.send('HeapProfiler.collectGarbage');
  return page.evaluate(() => window.__memories.map((w) => w.deref() != null));
}

const browser = await launch();
try {
  // --- The page: a large file, then the bundled one -----------------------------------------
  section('the page: a 4.8 MB file replaced by the bundled one');
  {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const problems = await prepare(context);
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html?layout=full#scenario=retest&ref=2026-02-20');
    await page.waitForSelector('html[data-state=ready][data-history=loaded]', { timeout: 30000 });
    // The event study makes its own wasm objects: open it before the load.
    await page.locator('#events').scrollIntoViewIfNeeded();
    await page.waitForSelector('#events[data-state=ready]', { timeout: 30000 });
    const read = () => page.evaluate(() => ({
      crash: document.querySelector('[data-metric="crash_day_change_pct"]').dataset.value,
      target: JSON.stringify({ ...document.querySelector('#scenario-summary [data-metric="target_usd"]')?.dataset }),
      state: window.leverageReset.state(), memory: window.leverageReset.wasmMemoryBytes(), renewals: window.leverageReset.stats.renewals ?? 0,
      bars: window.leverageReset.app.bar_count(),
    }));
    const before = await read();
    check(`start: wasm memory ${mb(before.memory)}, state retest at 2026-02-20`, before.memory > 0 && before.state.scenario === 'retest' && before.state.reference_date === '2026-02-20', JSON.stringify(before));

    const big = await page.evaluate((u) => window.leverageReset.loadData(u), fileUrl('big'));
    const peak = await read();
    check(`the 4.8 MB file loads (${peak.bars} bars): memory ${mb(peak.memory)}, no renewal (a new instance would need as much)`, big.ok && peak.bars > 10000 && peak.renewals === 0 && peak.memory > 8 * before.memory, `${big.message} ${JSON.stringify(peak)}`);

    const back = await page.evaluate((u) => window.leverageReset.loadData(u), BASE_URL + 'data/btcusd_bitstamp_daily.csv');
    const after = await read();
    console.log(`  memory: start ${mb(before.memory)}, after the 4.8 MB file ${mb(peak.memory)}, after the bundled file replaced it ${mb(after.memory)} (${(after.memory / before.memory).toFixed(2)}× the start)`);
    check('the bundled file replaces it, on a new instance', back.ok && after.renewals === 1 && after.bars === before.bars, `${back.message} ${JSON.stringify(after)}`);
    check(`memory back under 1.25× its start (${mb(after.memory)} ≤ 1.25 × ${mb(before.memory)})`, after.memory <= 1.25 * before.memory, `${after.memory} vs ${before.memory}`);
    const instances = await alive(page);
    // Three instances: the default module's (kept by its glue once the event study brought in the
    // full module, www/main.js needFull), the full module's first (collected) and its new one.
    check(`the old instance is collected, the new one lives; the default module's stays with its glue (${instances.map((a) => (a ? 'alive' : 'freed')).join(', ')})`, instances.length === 3 && instances[0] && !instances[1] && instances[2], JSON.stringify(instances));
    check(`the same figures as before: the crash day ${after.crash} (was ${before.crash}), the target`, after.crash === before.crash && after.target === before.target, `${JSON.stringify(before)} vs ${JSON.stringify(after)}`);
    check('the state survived (retest at 2026-02-20)', after.state.scenario === 'retest' && after.state.reference_date === '2026-02-20', JSON.stringify(after.state));
    check('the page says the bundled prices are shown', /Showing prices from .*btcusd_bitstamp_daily\.csv/.test(await page.textContent('#data-status')), await page.textContent('#data-status'));

    // Everything still works on the new instance.
    await page.locator('[data-scenario="catastrophic"]').check();
    await page.waitForTimeout(200);
    const switched = await read();
    check('a scenario switch works', switched.state.scenario === 'catastrophic' && switched.target !== after.target, JSON.stringify(switched));
    const canvas = page.locator('#price-chart');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.waitForSelector('#price-tooltip:not([hidden])', { timeout: 5000 }).catch(() => null);
    const tip = await page.evaluate(() => ({ hidden: document.querySelector('#price-tooltip').hidden, date: document.querySelector('#price-tooltip').dataset.date }));
    check(`hover over the price chart works (${tip.date})`, !tip.hidden && /^\d{4}-\d{2}-\d{2}$/.test(tip.date ?? ''), JSON.stringify(tip));
    await page.fill('#reference-date', '2026-02-10');
    await page.dispatchEvent('#reference-date', 'change');
    await page.waitForTimeout(200);
    const referenced = await read();
    check('the reference date works', referenced.state.reference_date === '2026-02-10' && (await page.textContent('#reference-error')) === '', JSON.stringify(referenced.state));
    const events = page.locator('#events-chart');
    await events.scrollIntoViewIfNeeded();
    const ebox = await events.boundingBox();
    await page.mouse.move(ebox.x + ebox.width * 0.5, ebox.y + ebox.height * 0.5);
    await page.waitForTimeout(200);
    check('the event study works on the new instance (hover read-out)', await page.evaluate(() => !document.querySelector('#events-tooltip').hidden && document.querySelectorAll('#events-tooltip [data-event]').length > 0));
    await page.locator('#event-toggles input').first().uncheck();
    await page.waitForTimeout(100);
    check('and its toggles', /^Showing /.test(await page.textContent('#events-summary')), await page.textContent('#events-summary'));
    const next = await page.evaluate((u) => window.leverageReset.loadData(u), fileUrl('small'));
    const last = await read();
    check(`a new load works on the new instance (0.5 MB: ${last.bars} bars, memory ${mb(last.memory)})`, next.ok && last.bars > 1000 && last.state.scenario === 'catastrophic', `${next.message} ${JSON.stringify(last)}`);
    check('no console errors', problems.length === 0, problems.join(' | '));
    await context.close();
  }

  // --- What stays when a smaller loaded file replaces the large one (printed) ----------------
  section('a large file replaced by smaller loaded files (printed, not asserted)');
  for (const name of ['small', 'mid']) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await prepare(context);
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('html[data-state=ready]', { timeout: 30000 });
    const start = await page.evaluate(() => window.leverageReset.wasmMemoryBytes());
    const r = await page.evaluate(async ([a, b]) => [await window.leverageReset.loadData(a), window.leverageReset.wasmMemoryBytes(), await window.leverageReset.loadData(b), window.leverageReset.wasmMemoryBytes(), window.leverageReset.stats.renewals ?? 0], [fileUrl('big'), fileUrl(name)]);
    console.log(`  start ${mb(start)}, 4.8 MB file ${mb(r[1])}, then a ${(FILES[name].length / 1048576).toFixed(1)} MB file ${mb(r[3])} (${r[4] ? 'new instance' : 'same instance'})`);
    check(`the ${name} file replaced the large one`, r[0].ok && r[2].ok, `${r[0].message} ${r[2].message}`);
    await context.close();
  }

  // --- Two explainers on one host page --------------------------------------------------------
  section('two explainers on one host page: both rebuilt on the new instance');
  {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const problems = await prepare(context);
    await context.route(BASE_URL + 'memory-host.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two explainers</title>
      <script type="module" src="${BASE_URL}leverage-reset.js"></script></head><body>
      <leverage-reset-explainer id="a" sections="levels"></leverage-reset-explainer>
      <leverage-reset-explainer id="b" scenario="breakdown" sections="levels"></leverage-reset-explainer></body></html>` }));
    const page = await context.newPage();
    await page.goto(BASE_URL + 'memory-host.html');
    await page.waitForSelector('#a[data-state=ready]', { timeout: 30000 });
    await page.waitForSelector('#b[data-state=ready]', { timeout: 30000 });
    const read = (id) => page.$eval(`#${id}`, (el) => ({ memory: el.leverageReset.wasmMemoryBytes(), state: el.leverageReset.state(), renewals: el.leverageReset.stats.renewals ?? 0,
      crash: el.shadowRoot.querySelector('[data-metric="crash_day_change_pct"]').dataset.value }));
    const b0 = await read('b');
    await page.$eval('#a', (el, u) => el.leverageReset.loadData(u), fileUrl('big'));
    const peak = (await read('a')).memory;
    const ok = await page.$eval('#a', (el, u) => el.leverageReset.loadData(u), BASE_URL + 'data/btcusd_bitstamp_daily.csv');
    const [a1, b1] = [await read('a'), await read('b')];
    console.log(`  memory: start ${mb(b0.memory)}, peak ${mb(peak)}, after ${mb(a1.memory)}`);
    check('both explainers were rebuilt on one new instance, memory back near its start', ok.ok && a1.renewals === 1 && b1.renewals === 1 && a1.memory <= 1.25 * b0.memory, JSON.stringify({ b0, a1, b1 }));
    await page.$eval('#b', (el) => el.leverageReset.setScenario('recovery'));
    const b2 = await read('b');
    check('the other explainer kept its state and still works', b1.state.scenario === 'breakdown' && b2.state.scenario === 'recovery' && b1.crash === b0.crash, JSON.stringify({ b1, b2 }));
    const instances = await alive(page);
    // The default module's instance (the first) stays with its glue; of the full module's, only the newest.
    check(`one instance of the full module alive, and the default module's (${instances.map((a) => (a ? 'alive' : 'freed')).join(', ')})`, instances.length === 3 && instances[0] && !instances[1] && instances[2], JSON.stringify(instances));
    check('no console errors', problems.length === 0, problems.join(' | '));
    await context.close();
  }

  // --- The one-file build (wasm bytes passed in) ----------------------------------------------
  section('the one-file build (file://)');
  {
    const file = path.join(ROOT, 'www/dist/leverage-reset.html');
    if (!check('www/dist/leverage-reset.html exists (tools/build.sh)', fs.existsSync(file))) throw new Error('no one-file build');
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const problems = await prepare(context);
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-state=ready][data-history=loaded]', { timeout: 30000 });
    const start = await page.evaluate(() => window.leverageReset.wasmMemoryBytes());
    const r = await page.evaluate(async ([a, b]) => [await window.leverageReset.loadData(a), window.leverageReset.wasmMemoryBytes(), await window.leverageReset.loadData(b), window.leverageReset.wasmMemoryBytes(), window.leverageReset.stats.renewals ?? 0],
      [fileUrl('big'), BASE_URL + 'data/btcusd_bitstamp_daily.csv']);
    console.log(`  memory: start ${mb(start)}, peak ${mb(r[1])}, after ${mb(r[3])}`);
    check('the large file, then the bundled one: a new instance, memory back under 1.25× its start', r[0].ok && r[2].ok && r[4] === 1 && r[3] <= 1.25 * start, JSON.stringify(r));
    await page.locator('[data-scenario="range"]').check();
    await page.waitForTimeout(200);
    check('a scenario switch works there', (await page.evaluate(() => window.leverageReset.state().scenario)) === 'range');
    check('no console errors', problems.length === 0, problems.join(' | '));
    await context.close();
  }
} finally {
  await browser.close();
}
finish('memory');
