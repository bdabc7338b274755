// End-to-end test of the charts (issue 3) in Debian's Chromium: hover, keyboard, touch scroll,
// zoom presets, resize, downloads, at devicePixelRatio 1, 2 and 0.8 and widths 360 and 1200.
// Plain Node script: BASE_URL=http://127.0.0.1:8000/ node tests/e2e/charts.mjs
// Expected values come from the CSV file, read here; timings are printed, never asserted.
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, OUT, ROOT, check, finish, launch, section } from './harness.mjs';

// The oracle: the bundled CSV, parsed here.
const rows = fs.readFileSync(path.join(ROOT, 'www/data/btcusd_bitstamp_daily.csv'), 'utf8')
  .split('\n').filter((l) => l && !l.startsWith('#')).slice(1).map((l) => {
    const [date, , open, high, low, close] = l.split(',');
    return { date, open: +open, high: +high, low: +low, close: +close };
  });
const idxOf = (date) => rows.findIndex((r) => r.date === date);
const fmt = (v) => Math.round(v).toLocaleString('en-US');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

// CSS x of a bar's centre from the plot area the page publishes on the canvas.
async function xOfBar(page, i) {
  return page.$eval('#price-chart', (c, i) => {
    const d = c.dataset; const first = +d.firstBar; const last = +d.lastBar;
    const r = c.getBoundingClientRect();
    return r.left + +d.plotLeft + (i - first + 0.5) / (last - first + 1) * (+d.plotRight - +d.plotLeft);
  }, i);
}

async function hoverDay(page, date) {
  await page.locator('#price-chart').scrollIntoViewIfNeeded();
  const box = await page.locator('#price-chart').boundingBox();
  const x = await xOfBar(page, idxOf(date));
  await page.mouse.move(x, box.y + box.height / 2);
  await page.waitForFunction((d) => document.querySelector('#price-tooltip')?.dataset.date === d, date, { timeout: 2000 }).catch(() => {});
  return page.$eval('#price-tooltip', (t) => ({ hidden: t.hidden, date: t.dataset.date, text: t.textContent }));
}

async function run(browser, width, ratio) {
  const tag = `${width}px @${ratio}x`;
  console.log(`\n## ${tag}`);
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: ratio, hasTouch: true, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE_URL + '?layout=full');
  await page.waitForSelector('html[data-state=ready]', { timeout: 20000 });

  // Crisp: backing store = CSS size × ratio.
  const sizes = await page.$eval('#price-chart', (c) => [c.width, c.height, c.clientWidth, c.clientHeight]);
  check(`${tag}: backing store is CSS size × ratio`, sizes[0] === Math.round(sizes[2] * ratio) && sizes[1] === Math.round(sizes[3] * ratio), JSON.stringify(sizes));

  // A switch repaints only the rows of the last target and the new one: after a run of
  // switches the chart is, pixel for pixel, the chart drawn whole for the last scenario.
  {
    const pixels = () => page.$eval('#price-chart', (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      for (let i = 0; i < d.length; i += 1) h = (Math.imul(h, 31) + d[i]) | 0;
      return h;
    });
    for (const id of ['catastrophic', 'range', 'recovery', 'breakdown', 'retest']) await page.locator(`[data-scenario="${id}"]`).check({ force: true });
    const switched = await pixels();
    const drawsBefore = await page.evaluate(() => window.leverageReset.stats.redrawMs.length);
    await page.evaluate(() => new Promise((r) => { window.leverageReset.redraw(); requestAnimationFrame(() => requestAnimationFrame(r)); }));
    const whole = await pixels();
    const drawsAfter = await page.evaluate(() => window.leverageReset.stats.redrawMs.length);
    check(`${tag}: after five switches the chart equals the chart drawn whole (drawn again: ${drawsAfter > drawsBefore})`, switched === whole && drawsAfter > drawsBefore, `${switched} vs ${whole}`);
    await page.locator('[data-scenario="recovery"]').check({ force: true });
  }

  // The chart's summary follows the scenario and the window, and a switch back after a zoom
  // does not bring back the summary of the whole range (the page keeps summaries per state).
  if (width === 1200 && ratio === 1) {
    const summary = () => page.$eval('#summary-price', (e) => e.textContent);
    await page.locator('[data-scenario="breakdown"]').check({ force: true });
    const broken = await summary();
    check(`${tag}: the summary names the breakdown's target ($43,000)`, broken.includes('Selected scenario: Breakdown, target $43,000.'), broken);
    await page.click('[data-range="1m"]');
    await page.locator('[data-scenario="recovery"]').check({ force: true });
    const back = await summary();
    check(`${tag}: after a zoom to the last month, a switch back says the month and the recovery's target`,
      back.includes('from Jun 16, 2026 to Jul 15, 2026') && back.includes('Selected scenario: Recovery, target $89,070.'), back);
    await page.click('[data-range="all"]');
  }

  // Hover a known day.
  const day = rows[idxOf('2026-02-06')];
  const t = await hoverDay(page, '2026-02-06');
  check(`${tag}: hover 2026-02-06 shows its OHLC`, !t.hidden && t.date === '2026-02-06' &&
    [day.open, day.high, day.low, day.close].every((v) => t.text.includes(fmt(v))) && t.text.includes('UTC'), JSON.stringify(t));
  const change = ((day.close / rows[idxOf('2026-02-06') - 1].close - 1) * 100).toFixed(1);
  check(`${tag}: tooltip gives the day's move (+${change}%) and the levels`, t.text.includes(`+${change}%`) && /support \$55,000, resistance \$75,000/.test(t.text), t.text);

  // Keyboard: End, then ← steps one day back; Shift+← a week; announced.
  await page.locator('#price-chart').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  let date = await page.$eval('#price-tooltip', (el) => el.dataset.date);
  check(`${tag}: End then ← shows the day before the last`, date === rows[rows.length - 2].date, date);
  await page.keyboard.press('Shift+ArrowLeft');
  date = await page.$eval('#price-tooltip', (el) => el.dataset.date);
  check(`${tag}: Shift+← steps a week`, date === rows[rows.length - 9].date, date);
  await page.waitForTimeout(50);
  const said = await page.$eval('#announcer', (el) => el.textContent);
  check(`${tag}: the step is announced`, said.includes(fmt(rows[rows.length - 9].close)), said);
  await page.keyboard.press('Home');
  date = await page.$eval('#price-tooltip', (el) => el.dataset.date);
  check(`${tag}: Home jumps to the first day`, date === rows[0].date, date);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
  const summary = await page.$eval('#announcer', (el) => el.textContent);
  check(`${tag}: Enter reads a summary`, summary.includes('highest $126,272 on Oct 6, 2025'), summary);
  // The other charts read their columns.
  await page.locator('#ladder-chart').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(50);
  const ladder = await page.$eval('#announcer', (el) => el.textContent);
  check(`${tag}: the ladder reads its first scenario`, ladder.startsWith('Recovery: target $89,070'), ladder);

  // Zoom presets: 1M shows the last 30 bars; levels follow; All restores.
  await page.locator('[data-range="1m"]').click();
  const win = await page.$eval('#price-chart', (c) => [+c.dataset.firstBar, +c.dataset.lastBar]);
  check(`${tag}: 1M shows the last 30 days`, win[0] === rows.length - 30 && win[1] === rows.length - 1, JSON.stringify(win));
  const t2 = await hoverDay(page, '2026-07-01');
  check(`${tag}: hover works inside the zoom`, t2.date === '2026-07-01' && t2.text.includes(fmt(rows[idxOf('2026-07-01')].low)), JSON.stringify(t2));
  await page.screenshot({ path: path.join(OUT, `charts-${width}-${ratio}-1m.png`), clip: await page.locator('#fig-price').boundingBox() });
  await page.locator('[data-range="all"]').click();

  // Drag to zoom (mouse), desktop only.
  if (width >= 800) {
    const box = await page.locator('#price-chart').boundingBox();
    const x0 = await xOfBar(page, idxOf('2026-01-20'));
    const x1 = await xOfBar(page, idxOf('2026-02-20'));
    await page.mouse.move(x0, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(x1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const z = await page.$eval('#price-chart', (c) => [+c.dataset.firstBar, +c.dataset.lastBar]);
    check(`${tag}: drag from 20 Jan to 20 Feb zooms to those days`, z[0] === idxOf('2026-01-20') && z[1] === idxOf('2026-02-20'), JSON.stringify(z));
    await page.locator('[data-range="all"]').click();
  }

  // A vertical swipe on the chart scrolls the page (touch-action: pan-y).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('#price-chart').scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  const box = await page.locator('#price-chart').boundingBox();
  // Real touch events (Input.synthesizeScrollGesture does not scroll in headless Chromium here).
  const cdp = await context.newCDPSession(page);
  const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + Math.min(box.height / 2, 300))];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - 25 * i }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => window.scrollY);
  check(`${tag}: a vertical swipe on the chart scrolls the page`, after > before + 100, `${before} -> ${after}`);

  // Resizing the container redraws to its width, and nothing grows on its own.
  await page.evaluate(() => { document.querySelector('#explainer').style.maxWidth = '500px'; });
  await page.waitForTimeout(200);
  const narrow = await page.$eval('#price-chart', (c) => [c.clientWidth, c.parentElement.clientWidth, c.width]);
  check(`${tag}: the canvas follows a narrower container`, narrow[0] === narrow[1] && narrow[2] === Math.round(narrow[0] * ratio), JSON.stringify(narrow));
  await page.evaluate(() => { document.querySelector('#explainer').style.maxWidth = ''; });
  await page.waitForTimeout(200);
  const w1 = await page.$eval('#price-chart', (c) => [c.clientWidth, c.clientHeight, document.documentElement.scrollHeight]);
  await page.waitForTimeout(400);
  const w2 = await page.$eval('#price-chart', (c) => [c.clientWidth, c.clientHeight, document.documentElement.scrollHeight]);
  check(`${tag}: no growth after the resize settles`, JSON.stringify(w1) === JSON.stringify(w2), `${w1} then ${w2}`);

  // The data tables: numbers and dates as the reader's locale writes them (Intl), captions too.
  if (ratio === 1 && width >= 800) {
    const t = await page.evaluate(async () => {
      for (const d of document.querySelectorAll('details.data-table')) d.open = true;
      await new Promise((r) => setTimeout(r, 100));
      const ladder = document.querySelector('details.data-table[data-chart="ladder"]');
      const price = document.querySelector('details.data-table[data-chart="price"]');
      const rows = [...price.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent));
      return { caption: ladder.querySelector('caption').textContent, reference: window.leverageReset.app.view().reference_usd, feb6: rows.find((r) => r[0].startsWith('Feb 6, 2026')) };
    });
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(t.reference);
    check(`${tag}: the ladder table's caption gives the reference as a reader reads it (${usd})`, t.caption.includes(`reference: ${usd} (the article's framing: crash low + 6%)`), t.caption);
    // Feb 6, 2026 in the bundled CSV: open 62,795, high 71,673, low 59,930, close 70,531.
    check(`${tag}: the price table's row for Feb 6, 2026 has its prices with separators`, JSON.stringify(t.feb6?.slice(0, 5)) === JSON.stringify(['Feb 6, 2026', '62,795', '71,673', '59,930', '70,531']), JSON.stringify(t.feb6));
  }

  // Print on the default module (the compact page; no SVG writer): the chart it shows, the
  // price chart, as a PNG at 3 device px per CSS px (700 CSS px wide), drawn for the current view
  // (another scenario, another image); the full analysis's charts, not shown, are not printed.
  if (ratio === 1 && width >= 800) {
    const compact = await context.newPage();
    compact.on('pageerror', (e) => errors.push(e.message));
    await compact.goto(BASE_URL);
    await compact.waitForSelector('html[data-state=ready]', { timeout: 20000 });
    const printed = async (scenario) => {
      await compact.locator(`[data-scenario="${scenario}"]`).check();
      await compact.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      return compact.$$eval('figure.chart .print-svg', (imgs) => Promise.all(imgs.map(async (img) => {
        if (!img.getAttribute('src')) return null;
        await img.decode();
        return [img.src.slice(0, 22), img.naturalWidth, img.src.length, img.src];
      })));
    };
    const module = await compact.evaluate(() => window.leverageReset.coreModule());
    const a = await printed('catastrophic');
    const b = await printed('recovery');
    check(`${tag}: in print on the compact page (default module) the price chart is a PNG 2100 px wide, the hidden charts none`,
      module === 'default' && a.length === 3 && a[0] && a[0][0] === 'data:image/png;base64,' && a[0][1] === 2100 && a[0][2] > 20000 && a[1] === null && a[2] === null,
      `${module} ${JSON.stringify(a.map((x) => x?.slice(0, 3)))}`);
    check(`${tag}: the printed price chart follows the scenario`, a[0]?.[3] !== b[0]?.[3], 'the same image for catastrophic and recovery');
    await compact.close();
  }

  // Downloads: PNG at 2× device pixels, SVG and CSV with the source line (the SVG and CSV
  // writers are the full module's: the first such click fetches it).
  if (ratio === 1) {
    const get = async (kind, chart) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-download="${kind}"][data-chart="${chart}"]`).click()]);
      return fs.readFileSync(await dl.path());
    };
    const png = await get('png', 'price');
    const cssWidth = await page.$eval('#price-chart', (c) => c.clientWidth);
    const pngWidth = png.readUInt32BE(16);
    check(`${tag}: PNG download is a PNG at 2× the CSS width`, png.subarray(1, 4).toString() === 'PNG' && pngWidth === cssWidth * 2 && png.length > 10000, `${png.length} bytes, width ${pngWidth}`);
    const svg = (await get('svg', 'price')).toString();
    // Phones get the short annotation labels.
    const athLabel = width < 560 ? />\s*High\s*</ : /High \$126,272/;
    check(`${tag}: SVG download has the chart and the source`, svg.includes('<svg') && athLabel.test(svg) && svg.includes('Polv89'), svg.slice(0, 120));
    // The source line in lines that fit the image (6 CSS px a character is the most its 10 px
    // text needs), all of it: nothing runs off the right edge.
    const svgWidth = +svg.match(/<svg width="(\d+)"/)[1];
    const texts = [...svg.matchAll(/<text[^>]*font-size="10"[^>]*>\n([^<]*)\n<\/text>/g)].map((m) => m[1]);
    const from = texts.findIndex((t) => t.startsWith('Source: '));
    const to = texts.findIndex((t) => t.endsWith('attribution'));
    const footLines = from >= 0 && to >= from ? texts.slice(from, to + 1) : [];
    check(`${tag}: the SVG's source line is whole, in lines that fit ${svgWidth} px`, footLines.length > 0 && footLines.every((l) => l.length * 6 <= svgWidth - 12) && (svgWidth > 700 || footLines.length >= 3), JSON.stringify(footLines));
    const csv = (await get('csv', 'price')).toString();
    check(`${tag}: CSV download has the source and the bars`, csv.startsWith('# source: Bitstamp') && csv.includes('2026-02-06,62795,71673,59930,70531') && csv.trim().split('\n').length === rows.length + 2, csv.slice(0, 120));
    const ladderCsv = (await get('csv', 'ladder')).toString();
    check(`${tag}: ladder CSV lists the five scenarios`, ['recovery,89070,89070', 'range,55000,75000', 'retest,50000,55000', 'breakdown,43000,43000', 'catastrophic,32851,32851'].every((r) => ladderCsv.includes(r)), ladderCsv);
  }

  // Print on the full module (the downloads above brought it): the SVG twins replace the
  // canvases, drawn for the current view.
  if (ratio === 1 && width >= 800) {
    await page.locator('[data-scenario="catastrophic"]').check();
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const shown = await page.$$eval('figure.chart', (figs) => figs.map((f) => [getComputedStyle(f.querySelector('canvas')).display, getComputedStyle(f.querySelector('.print-svg')).display, f.querySelector('.print-svg').src.slice(0, 5)]));
    check(`${tag}: in print each chart is an SVG of the current view`, shown.length === 3 && shown.every(([c, i, src]) => c === 'none' && i === 'block' && src === 'blob:'), JSON.stringify(shown));
    await page.pdf?.({ path: path.join(OUT, 'print.pdf') }).catch(() => {});
    await page.emulateMedia({ media: 'screen' });
    await page.locator('[data-scenario="recovery"]').check();
  }

  // Timings of the overlay and of a full redraw (printed, not asserted).
  const timing = await page.evaluate(async () => {
    const stats = window.leverageReset.stats;
    stats.hoverMs.length = 0; stats.redrawMs.length = 0;
    const c = document.querySelector('#price-chart'); const r = c.getBoundingClientRect();
    for (let i = 0; i < 40; i++) {
      c.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + 60 + i * 10, clientY: r.top + 100, pointerType: 'mouse', bubbles: true }));
      await new Promise((res) => requestAnimationFrame(res));
    }
    for (let i = 0; i < 10; i++) { window.leverageReset.redraw(); await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))); }
    return { hover: [...stats.hoverMs], redraw: [...stats.redrawMs] };
  });
  console.log(`  time  hover overlay update median ${median(timing.hover).toFixed(2)} ms (${timing.hover.length} moves); full redraw of 3 charts median ${median(timing.redraw).toFixed(1)} ms`);
  check(`${tag}: no console or page errors`, errors.length === 0, errors.join(' | '));
  await context.close();
}

const browser = await launch();
try {
  for (const width of [1200, 360]) for (const ratio of [1, 2, 0.8]) await run(browser, width, ratio);
} finally {
  await browser.close();
}
finish('CHARTS');
