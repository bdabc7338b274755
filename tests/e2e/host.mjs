// End-to-end test of fitting the host (issue 10, items 7–10) in Debian's Chromium: theme=inherit
// (the host's font, no background, canvases included) and the --leverage-reset-* properties; a
// right-to-left host; forced colours; attributes followed after load and the script API; the
// README's iframe snippet from a plain `python3 -m http.server` on another origin; missing and
// slow files said in words; touch (pinch-zoom passes, the tooltip away from the finger); the
// one-file build's parameters; nothing scrolls sideways at 320 px. Screenshots in tests/e2e/out.
// Plain Node script: BASE_URL=http://127.0.0.1:8000/ node tests/e2e/host.mjs (tools/server.py)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BASE_URL, OUT, ROOT, check, finish, launch, section } from './harness.mjs';

const closeOf = (date) => {
  const line = fs.readFileSync(path.join(ROOT, 'www/data/btcusd_bitstamp_daily.csv'), 'utf8').split('\n').find((l) => l.startsWith(date + ','));
  return +line.split(',')[5];
};
const freePort = () => new Promise((resolve) => {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
});
const waitPort = async (port) => {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => { const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); }); s.on('error', () => resolve(false)); });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
};

// Errors of every page and frame (the test's deliberate failures are filtered per section).
async function watch(context) {
  const problems = [];
  context.on('page', (page) => {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
  });
  return problems;
}

// A host page served at BASE_URL + name (same origin as the widget, unless the markup says otherwise).
const hostPage = async (context, name, html) => context.route(BASE_URL + name, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
const ELEMENT_SCRIPT = `<script type="module" src="${BASE_URL}leverage-reset.js"></script>`;

// In the element's shadow root: the target's figures, the reference and a few styles.
const readElement = (page, sel = 'leverage-reset-explainer') => page.$eval(sel, (el) => {
  const q = (s) => el.shadowRoot.querySelector(s);
  const t = q('[data-metric="target_usd"]').dataset;
  return { target: t.value ?? `${t.low}-${t.high}`, reference: q('[data-metric="reference_usd"]').dataset.value, theme: el.dataset.theme,
    checked: q('input[name=scenario]:checked')?.dataset.scenario, ath: q('[data-metric="ath_usd"]').textContent };
});

const browser = await launch();
const plain = [];
try {
  // --- 7. theme=inherit and the --leverage-reset-* properties ----------------------------
  section('theme=inherit: the host\'s font and background');
  for (const width of [360, 1440]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: 'light' });
    const problems = await watch(context);
    await hostPage(context, 'inherit.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>A host with its own look</title>${ELEMENT_SCRIPT}
      <style>body { margin: 0; padding: 12px; font-family: Georgia, "DejaVu Serif", serif; background: rgb(250, 243, 224); color: #222; }
      #dark { background: rgb(20, 24, 32); padding: 8px; } #branded { --leverage-reset-text: rgb(10, 40, 90); --leverage-reset-support: #8a1c7c; }</style></head>
      <body><h1>Article headline</h1><p>The article's own text, in its own serif.</p>
      <leverage-reset-explainer id="light" theme="inherit" sections="levels"></leverage-reset-explainer>
      <div id="dark"><leverage-reset-explainer id="on-dark" theme="inherit" sections="levels"></leverage-reset-explainer></div>
      <leverage-reset-explainer id="branded" sections="levels"></leverage-reset-explainer></body></html>`);
    const page = await context.newPage();
    await page.goto(BASE_URL + 'inherit.html');
    for (const id of ['light', 'on-dark', 'branded']) await page.waitForSelector(`#${id}[data-state=ready]`, { timeout: 20000 });
    await page.waitForTimeout(300);
    const look = await page.evaluate(() => Object.fromEntries(['light', 'on-dark', 'branded'].map((id) => {
      const el = document.getElementById(id);
      const main = el.shadowRoot.querySelector('main');
      const canvas = el.shadowRoot.querySelector('#price-chart');
      // The canvas's top-left pixel is background (the plot starts further in).
      const corner = [...canvas.getContext('2d').getImageData(1, 1, 1, 1).data];
      return [id, { font: getComputedStyle(main).fontFamily, mainBg: getComputedStyle(main).backgroundColor, hostBg: getComputedStyle(el).backgroundColor,
        corner, theme: el.dataset.theme, fit: el.dataset.fit ?? null, color: getComputedStyle(main).color, lrText: el.style.getPropertyValue('--lr-text'),
        lrSupport: el.style.getPropertyValue('--lr-support') }];
    })));
    const l = look.light;
    check(`${width}px: theme=inherit takes the host's font (${l.font})`, /Georgia/.test(l.font), JSON.stringify(l));
    check(`${width}px: theme=inherit leaves main and the element without a background`, l.mainBg === 'rgba(0, 0, 0, 0)' && l.hostBg === 'rgba(0, 0, 0, 0)', JSON.stringify(l));
    check(`${width}px: theme=inherit draws the canvas without a background (corner pixel alpha ${l.corner[3]})`, l.corner[3] === 0, JSON.stringify(l.corner));
    check(`${width}px: theme=inherit on a light host uses the light palette`, l.theme === 'light' && l.fit === 'inherit', JSON.stringify(l));
    check(`${width}px: theme=inherit on a dark host uses the dark palette (text ${look['on-dark'].color})`, look['on-dark'].theme === 'dark' && look['on-dark'].corner[3] === 0 && look['on-dark'].color === 'rgb(236, 236, 240)', JSON.stringify(look['on-dark']));
    const b = look.branded;
    check(`${width}px: --leverage-reset-text and --leverage-reset-support reach the text and the charts' palette`, b.color === 'rgb(10, 40, 90)' && b.lrText === '#0a285a' && b.lrSupport === '#8a1c7c' && b.corner[3] === 255, JSON.stringify(b));
    await page.screenshot({ path: path.join(OUT, `host-inherit-${width}.png`), fullPage: width === 1440 });
    await page.locator('#light').screenshot({ path: path.join(OUT, `host-inherit-element-${width}.png`) });
    await page.locator('#light #fig-price').screenshot({ path: path.join(OUT, `host-inherit-chart-${width}.png`) });
    await page.locator('#on-dark #fig-price').screenshot({ path: path.join(OUT, `host-inherit-dark-chart-${width}.png`) });
    await page.locator('#branded #fig-price').screenshot({ path: path.join(OUT, `host-branded-chart-${width}.png`) });
    check(`${width}px: no console or page errors with theme=inherit`, problems.length === 0, problems.join(' | '));
    await context.close();
  }
  {
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html?theme=inherit&sections=levels');
    await page.waitForSelector('html[data-state=ready]');
    const r = await page.evaluate(() => ({ html: getComputedStyle(document.documentElement).backgroundColor, body: getComputedStyle(document.body).backgroundColor,
      main: getComputedStyle(document.querySelector('main')).backgroundColor, corner: document.querySelector('#price-chart').getContext('2d').getImageData(1, 1, 1, 1).data[3] }));
    check('?theme=inherit in the page (iframe): page, main and canvas backgrounds transparent', r.html === 'rgba(0, 0, 0, 0)' && r.body === 'rgba(0, 0, 0, 0)' && r.main === 'rgba(0, 0, 0, 0)' && r.corner === 0, JSON.stringify(r));
    // "Show less" and open again: the sections the host chose, not every section.
    const shown = () => page.$$eval('main > section', (ss) => ss.filter((x) => getComputedStyle(x).display !== 'none').map((x) => x.id).join(','));
    const chosen = await shown();
    await page.click('#layout-toggle');
    const less = await shown();
    await page.click('#layout-toggle');
    await page.waitForFunction(() => document.querySelector('#layout-toggle').getAttribute('aria-expanded') === 'true', null, { timeout: 15000 }).catch(() => {});
    check('?sections=levels: "Show less", then open again, shows the chosen sections again', chosen === 'answer,levels' && less === 'answer' && (await shown()) === chosen, `${chosen} | ${less} | ${await shown()}`);
    await context.close();
  }

  // --- 7. A right-to-left host -----------------------------------------------------------
  section('a right-to-left host page');
  for (const width of [360, 1440]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await hostPage(context, 'rtl.html', `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>مقال</title>${ELEMENT_SCRIPT}<style>body { margin: 0; padding: 12px; } p { text-align: right; }</style></head>
      <body><h1>عنوان المقال</h1><p>نص المقال قبل الرسم.</p>
      <leverage-reset-explainer id="rtl" sections="numbers,levels"></leverage-reset-explainer><p>نص المقال بعد الرسم.</p></body></html>`);
    const page = await context.newPage();
    await page.goto(BASE_URL + 'rtl.html');
    await page.waitForSelector('#rtl[data-state=ready]', { timeout: 20000 });
    const r = await page.$eval('#rtl', (el) => {
      const s = el.shadowRoot;
      const main = s.querySelector('main');
      const p = s.querySelector('[data-text="numbers_1"]');
      const canvas = s.querySelector('#price-chart');
      const m = main.getBoundingClientRect();
      const c = canvas.getBoundingClientRect();
      // Where the paragraph's first and last characters are drawn: left to right, the first is leftmost.
      const range = document.createRange();
      const first = p.firstChild; range.setStart(first, 0); range.setEnd(first, 1);
      const firstRect = range.getBoundingClientRect();
      return { host: getComputedStyle(el).direction, bidi: getComputedStyle(el).unicodeBidi, main: getComputedStyle(main).direction, p: getComputedStyle(p).direction,
        align: getComputedStyle(p).textAlign, canvas: getComputedStyle(canvas).direction, ctx: canvas.getContext('2d').direction,
        firstLeft: firstRect.left - m.left, canvasIn: c.left >= m.left - 1 && c.right <= m.right + 1, text: p.textContent.slice(0, 12) };
    });
    check(`${width}px: on an RTL page the element stays ltr and isolated`, r.host === 'ltr' && r.bidi === 'isolate' && r.main === 'ltr' && r.p === 'ltr' && r.align !== 'right', JSON.stringify(r));
    check(`${width}px: on an RTL page the sentences start at the left ("${r.text}…")`, r.firstLeft < 40, JSON.stringify(r));
    check(`${width}px: on an RTL page the charts draw left to right inside the explainer`, r.canvas === 'ltr' && (r.ctx === 'ltr' || r.ctx === 'inherit') && r.canvasIn, JSON.stringify(r));
    // Chart labels: where the canvas puts text anchored at its "start" (left only when its direction is ltr).
    const label = await page.$eval('#rtl', (el) => {
      const ctx = el.shadowRoot.querySelector('#price-chart').getContext('2d');
      ctx.save(); ctx.font = '11px sans-serif'; ctx.textAlign = 'start'; const w = ctx.measureText('High $126,272'); ctx.restore();
      return { left: w.actualBoundingBoxLeft, right: w.actualBoundingBoxRight };
    });
    check(`${width}px: on an RTL page canvas text runs left to right from its anchor (labels not cut)`, label.left <= 1 && label.right > 40, JSON.stringify(label));
    await page.screenshot({ path: path.join(OUT, `host-rtl-${width}.png`), fullPage: width === 1440 });
    await page.locator('#rtl #fig-price').screenshot({ path: path.join(OUT, `host-rtl-chart-${width}.png`) });
    await context.close();
  }

  // --- 7. Forced colours -----------------------------------------------------------------
  section('forced colours (emulated)');
  {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(BASE_URL + 'index.html?sections=levels');
    await page.waitForSelector('html[data-state=ready]');
    await page.locator('#price-chart').scrollIntoViewIfNeeded();
    const box = await page.locator('#price-chart').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#crosshair:not([hidden])', { timeout: 3000 }).catch(() => {});
    const r = await page.evaluate(() => {
      const sys = (c) => { const el = document.createElement('span'); el.style.color = c; document.body.append(el); const v = getComputedStyle(el).color; el.remove(); return v; };
      const hex = (rgb) => '#' + rgb.match(/\d+/g).slice(0, 3).map((n) => (+n).toString(16).padStart(2, '0')).join('');
      const line = document.querySelector('#crosshair');
      const tip = document.querySelector('#price-tooltip');
      const root = document.documentElement.style;
      const corner = [...document.querySelector('#price-chart').getContext('2d').getImageData(1, 1, 1, 1).data];
      return { canvasText: hex(sys('CanvasText')), canvas: hex(sys('Canvas')), highlight: hex(sys('Highlight')), linkText: hex(sys('LinkText')),
        line: getComputedStyle(line).backgroundColor, lineShown: !line.hidden && line.getBoundingClientRect().height > 100, tipBorder: getComputedStyle(tip).borderTopColor,
        lrText: root.getPropertyValue('--lr-text'), lrBg: root.getPropertyValue('--lr-bg'), lrTarget: root.getPropertyValue('--lr-target'), lrSupport: root.getPropertyValue('--lr-support'),
        corner: '#' + corner.slice(0, 3).map((n) => n.toString(16).padStart(2, '0')).join(''),
        segment: getComputedStyle(document.querySelector('input[name=scenario]:checked').closest('label')).backgroundColor };
    });
    const hexOf = (rgb) => '#' + rgb.match(/\d+/g).slice(0, 3).map((n) => (+n).toString(16).padStart(2, '0')).join('');
    // Equal colours, give or take the canvas's rounding of one unit per channel.
    const near = (a, b) => [1, 3, 5].every((i) => Math.abs(parseInt(a.slice(i, i + 2), 16) - parseInt(b.slice(i, i + 2), 16)) <= 2);
    check(`forced colours: the crosshair is drawn in CanvasText (${r.line})`, r.lineShown && hexOf(r.line) === r.canvasText, JSON.stringify(r));
    check('forced colours: the tooltip border is CanvasText', hexOf(r.tipBorder) === r.canvasText, JSON.stringify(r));
    check(`forced colours: the charts' palette is the system colours (text ${r.lrText}, background ${r.lrBg}, target ${r.lrTarget}, support ${r.lrSupport})`,
      near(r.lrText, r.canvasText) && near(r.lrBg, r.canvas) && near(r.lrTarget, r.highlight) && near(r.lrSupport, r.linkText) && near(r.corner, r.canvas), JSON.stringify(r));
    check(`forced colours: the selected scenario is marked in Highlight (${r.segment})`, near(hexOf(r.segment), r.highlight), JSON.stringify(r));
    await page.screenshot({ path: path.join(OUT, 'host-forced-colors.png') });
    await context.close();
  }

  // --- 7. Attributes after load, and the script API ---------------------------------------
  section('attributes after load and the script API');
  {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' });
    const problems = await watch(context);
    await hostPage(context, 'api.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API</title>${ELEMENT_SCRIPT}</head>
      <body><leverage-reset-explainer id="x" sections="numbers,levels"></leverage-reset-explainer></body></html>`);
    const page = await context.newPage();
    await page.goto(BASE_URL + 'api.html');
    await page.waitForSelector('#x[data-state=ready]', { timeout: 20000 });
    await page.evaluate(() => { window.events = []; document.getElementById('x').addEventListener('leverage-reset:state', (e) => window.events.push(e.detail)); });
    const set = (name, value) => page.evaluate(([n, v]) => { const el = document.getElementById('x'); if (v == null) el.removeAttribute(n); else el.setAttribute(n, v); }, [name, value]);
    let r = await readElement(page, '#x');
    check('element opens on recovery ($89,070)', r.target === '89070' && r.checked === 'recovery', JSON.stringify(r));
    await set('scenario', 'breakdown');
    r = await readElement(page, '#x');
    check('scenario attribute after load: breakdown → $43,000', r.target === '43000' && r.checked === 'breakdown', JSON.stringify(r));
    await set('scenario', 'retest');
    r = await readElement(page, '#x');
    check('scenario attribute after load: retest → $50,000–55,000', r.target === '50000-55000' && r.checked === 'retest', JSON.stringify(r));
    await set('scenario', 'catastrophic');
    r = await readElement(page, '#x');
    check('scenario attribute after load: catastrophic → $32,851', r.target === '32851', JSON.stringify(r));
    await set('scenario', 'moon');
    r = await readElement(page, '#x');
    check('an unknown scenario attribute is not applied (catastrophic stays)', r.target === '32851', JSON.stringify(r));
    await set('reference', '2026-03-16');
    r = await readElement(page, '#x');
    check('reference attribute after load: the close of 2026-03-16', +r.reference === closeOf('2026-03-16'), JSON.stringify(r));
    await set('reference', null);
    r = await readElement(page, '#x');
    check('removing the reference attribute returns to the article\'s framing ($63,526)', Math.round(+r.reference) === 63526, JSON.stringify(r));
    await set('theme', 'dark');
    r = await readElement(page, '#x');
    check('theme attribute after load: dark', r.theme === 'dark', JSON.stringify(r));
    await set('locale', 'de-DE');
    r = await readElement(page, '#x');
    check(`locale attribute after load: de-DE (${r.ath})`, /^126\.272\s\$$/.test(r.ath), r.ath);
    const events = await page.evaluate(() => window.events);
    check(`each change after load reports its state (${events.length} events)`, events.length === 5 && events[2].scenario === 'catastrophic' && events[3].reference_date === '2026-03-16' && events[4].reference_date === null, JSON.stringify(events));

    // The script API: properties, load(), the handle.
    const api = await page.evaluate(async () => {
      const el = document.getElementById('x');
      const q = (s) => el.shadowRoot.querySelector(s);
      const target = () => { const t = q('[data-metric="target_usd"]').dataset; return t.value ?? `${t.low}-${t.high}`; };
      const out = {};
      out.ready = (await el.ready) === el;
      el.scenario = 'breakdown';
      out.breakdown = [el.scenario, target(), el.getAttribute('scenario')];
      el.reference = '2026-03-16';
      out.reference = [el.reference, q('[data-metric="reference_usd"]').dataset.value];
      el.reference = null;
      out.article = [el.reference, q('[data-metric="reference_usd"]').dataset.value];
      // A click in the explainer changes the state the properties report.
      q('[data-scenario="retest"]').click();
      out.clicked = [el.scenario, target()];
      out.handle = [typeof el.leverageReset.setScenario, typeof el.leverageReset.loadData, el.leverageReset.scenarios().join(',')];
      out.load = await el.load('fixtures/bitstamp_ohlc.json');
      out.status = q('#data-status').dataset.loaded;
      out.loadBad = await el.load('fixtures/missing.csv');
      return out;
    });
    check('script API: ready resolves to the element', api.ready, JSON.stringify(api));
    check('script API: el.scenario = "breakdown" switches ($43,000) and reflects to the attribute', api.breakdown.join() === 'breakdown,43000,breakdown', JSON.stringify(api.breakdown));
    check('script API: el.reference sets and clears the reference', api.reference[0] === '2026-03-16' && +api.reference[1] === closeOf('2026-03-16') && api.article[0] === null && Math.round(+api.article[1]) === 63526, JSON.stringify(api));
    check('script API: el.scenario follows the reader\'s clicks', api.clicked.join() === 'retest,50000-55000', JSON.stringify(api.clicked));
    check('script API: the handle has setScenario, loadData and the scenario list', api.handle.join('|') === 'function|function|recovery,range,retest,breakdown,catastrophic', JSON.stringify(api.handle));
    check('script API: el.load(url) resolves to what the explainer says (refused in words: the file misses the crash week)', api.load.ok === false && /no bar for 2026-01-29/.test(api.load.message) && api.status === 'false', JSON.stringify(api.load));
    check('script API: el.load of a missing file says HTTP 404', api.loadBad.ok === false && /HTTP 404/.test(api.loadBad.message), JSON.stringify(api.loadBad));
    const unexpected = problems.filter((p) => !/status of 404/.test(p));
    check('no console or page errors with the script API (but the deliberate 404)', unexpected.length === 0, unexpected.join(' | '));

    // The page's handle: window.leverageReset.
    await page.goto(BASE_URL + 'index.html?sections=levels');
    await page.waitForSelector('html[data-state=ready]');
    const p = await page.evaluate(async () => {
      const h = window.leverageReset;
      h.setScenario('catastrophic');
      const target = document.querySelector('[data-metric="target_usd"]').dataset.value;
      let error = '';
      try { h.setReference('1999-01-01'); } catch (e) { error = e.message; }
      // The hash is written once the reader settles (www/main.js, HASH_SETTLE_MS: 400 ms).
      for (let i = 0; i < 40 && location.hash !== '#scenario=catastrophic'; i++) await new Promise((r) => setTimeout(r, 50));
      return { target, state: h.state(), error, hash: location.hash };
    });
    check('window.leverageReset.setScenario switches the page and writes the hash', p.target === '32851' && p.state.scenario === 'catastrophic' && p.hash === '#scenario=catastrophic', JSON.stringify(p));
    check('window.leverageReset.setReference refuses a date without a close, in words', /no close for 1999-01-01/.test(p.error) && p.state.reference_date === null, JSON.stringify(p));
    await context.close();
  }

  // --- 8. The README's iframe snippet from a plain static server on another origin -------
  section('the README iframe from a plain python3 -m http.server (another origin)');
  {
    // Two plain static servers, no special headers: the widget's folder, and an article on
    // another origin (a real server: Chromium keeps a page fulfilled by the test from loopback).
    const serve = async (dir) => {
      const port = await freePort();
      plain.push(spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' }));
      await waitPort(port);
      return `http://127.0.0.1:${port}/`;
    };
    const widget = await serve(path.join(ROOT, 'www'));
    const articleDir = path.join(OUT, 'article');
    fs.mkdirSync(articleDir, { recursive: true });
    const article = await serve(articleDir);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const snippet = readme.match(/```html\n(<iframe[\s\S]*?)```/)[1].replaceAll('https://example.org/leverage-reset/', widget);
    const oldSnippet = snippet.replace(/sandbox="[^"]*"/, 'sandbox="allow-scripts allow-downloads"').replace('?id=lr1', '?id=lr-old');
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const problems = await watch(context);
    fs.writeFileSync(path.join(articleDir, 'article.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body><p>Article text.</p>${snippet}<p>More text.</p>${oldSnippet}</body></html>`);
    const page = await context.newPage();
    await page.goto(article + 'article.html');
    const frame = () => page.frames().find((f) => f.url().includes('id=lr1'));
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
    let state = null;
    for (let i = 0; i < 100 && state !== 'ready'; i++) { await page.waitForTimeout(150); state = await frame()?.evaluate(() => document.documentElement.dataset.state).catch(() => null); }
    check(`the README snippet loads from a plain static server on another origin (${widget})`, state === 'ready', String(state));
    const sandbox = await page.$eval('iframe[data-leverage-reset]', (f) => f.getAttribute('sandbox'));
    check('the README snippet\'s sandbox has allow-scripts and allow-same-origin', /allow-scripts/.test(sandbox) && /allow-same-origin/.test(sandbox), sandbox);
    await page.waitForTimeout(500);
    const heights = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.getBoundingClientRect().height));
    const inner = await frame().evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    check(`the snippet's iframe takes its content's height (${heights[0]} px)`, Math.abs(heights[0] - inner) <= 1 && inner > 900, `${heights} vs ${inner}`);
    const target = await frame().$eval('[data-metric="target_usd"]', (el) => el.dataset.value);
    check('the framed explainer computes its figures', target === '89070', target);
    // The old snippet (no allow-same-origin: an opaque origin, its own files cross-origin without
    // Access-Control-Allow-Origin): it cannot run, and says so in words within 10 s.
    // (Chromium does not render a frame out of view, so its clock starts when the reader scrolls to it.)
    await page.locator('iframe').nth(1).scrollIntoViewIfNeeded();
    await page.waitForTimeout(10800);
    const old = page.frames().find((f) => f.url().includes('id=lr-old'));
    const slow = await old.evaluate(() => { const el = document.querySelector('#load-slow'); return { state: document.documentElement.dataset.state, visible: getComputedStyle(el).visibility, display: getComputedStyle(el).display, text: el.textContent }; });
    check('without allow-same-origin the frame cannot fetch its files and says so in words after 10 s (never "loading" forever)', slow.state === 'loading' && slow.visible === 'visible' && slow.display === 'block' && /taking longer than usual/.test(slow.text), JSON.stringify(slow));
    await page.screenshot({ path: path.join(OUT, 'host-plain-server.png') });
    const unexpected = problems.filter((p) => !/CORS|Failed to load|net::ERR_FAILED/.test(p));
    check('no other errors with the plain static server (but the old snippet\'s blocked files)', unexpected.length === 0, unexpected.join(' | '));
    await context.close();
  }

  // --- 8. Missing and slow files, said in words -----------------------------------------
  section('missing and slow files');
  {
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    await context.route(BASE_URL + 'data/story_figures.bin', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('html[data-state=error]', { timeout: 15000 });
    let text = await page.$eval('#load-error', (e) => e.textContent);
    check(`a missing data file is said in words: "${text}"`, /story_figures\.bin was not found on the server \(HTTP 404\)/.test(text) && !/Failed to fetch|TypeError/.test(text), text);
    await context.unrouteAll();
    await context.route(/leverage_reset_bg\.wasm/, (route) => route.abort('connectionrefused'));
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('html[data-state=error]', { timeout: 15000 });
    text = await page.$eval('#load-error', (e) => e.textContent);
    check(`an unreachable wasm file is said in words: "${text}"`, /could not be fetched|WebAssembly part/.test(text) && !/Failed to fetch|TypeError/.test(text), text);
    await context.close();

    // Elements: a missing index.html at once; a file that never arrives after 10 s.
    const c2 = await browser.newContext({ viewport: { width: 800, height: 900 } });
    await hostPage(c2, 'missing.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Missing</title>${ELEMENT_SCRIPT}</head><body><leverage-reset-explainer id="m"></leverage-reset-explainer></body></html>`);
    await c2.route(BASE_URL + 'index.html', (route) => route.fulfill({ status: 404, body: 'gone' }));
    const p2 = await c2.newPage();
    await p2.goto(BASE_URL + 'missing.html');
    await p2.waitForSelector('#m[data-state=error]', { timeout: 15000 });
    text = await p2.$eval('#m', (el) => el.shadowRoot.querySelector('#load-error').textContent);
    check(`element: a missing page is said in words: "${text}"`, /its page was not found at .* \(HTTP 404\)/.test(text), text);
    const c3 = await browser.newContext({ viewport: { width: 800, height: 900 } });
    await hostPage(c3, 'slow.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slow</title>${ELEMENT_SCRIPT}</head><body><leverage-reset-explainer id="s"></leverage-reset-explainer></body></html>`);
    await c3.route(/leverage_reset_bg\.wasm/, () => { /* never answered */ });
    const p3 = await c3.newPage();
    await p3.goto(BASE_URL + 'slow.html');
    const p4 = await c3.newPage();
    await p4.goto(BASE_URL + 'index.html');
    await p3.waitForTimeout(10500);
    const el = await p3.$eval('#s', (h) => { const n = h.shadowRoot.querySelector('.lr-load-slow'); return { state: h.dataset.state, visible: n && getComputedStyle(n).visibility, text: n?.textContent }; });
    check('element: files that do not arrive are said in words after 10 s', el.state === 'loading' && el.visible === 'visible' && /taking longer than usual/.test(el.text), JSON.stringify(el));
    const pg = await p4.evaluate(() => { const n = document.querySelector('#load-slow'); return { state: document.documentElement.dataset.state, visible: getComputedStyle(n).visibility }; });
    check('page: files that do not arrive are said in words after 10 s', pg.state === 'loading' && pg.visible === 'visible', JSON.stringify(pg));
    await c2.close();
    await c3.close();
  }

  // --- 9. Touch --------------------------------------------------------------------------
  section('touch');
  {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html?sections=levels,events');
    await page.waitForSelector('html[data-state=ready]');
    const actions = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => `${c.id}:${getComputedStyle(c).touchAction}`));
    check(`every chart lets pinch-zoom through (${actions.join(', ')})`, actions.length >= 3 && actions.every((a) => /pan-y pinch-zoom$/.test(a)), actions.join(' '));
    await page.locator('#price-chart').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -150));
    const box = await page.locator('#price-chart').boundingBox();
    const plot = await page.$eval('#price-chart', (c) => ({ top: +c.dataset.plotTop, bottom: +c.dataset.plotBottom, left: +c.dataset.plotLeft, right: +c.dataset.plotRight }));
    for (const fx of [0.1, 0.5, 0.9]) {
      const x = box.x + plot.left + (plot.right - plot.left) * fx;
      const y = box.y + (plot.top + plot.bottom) / 2;
      await page.touchscreen.tap(x, y);
      await page.waitForSelector('#price-tooltip:not([hidden])', { timeout: 2000 }).catch(() => {});
      await page.waitForTimeout(100);
      const t = await page.$eval('#price-tooltip', (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, hidden: e.hidden }; });
      const line = await page.$eval('#crosshair', (e) => e.getBoundingClientRect().left);
      // The tapped candle's column (±6 px) over the plot, and the finger (a 22 px radius).
      const overCandle = t.left < line + 6 && t.right > line - 6 && t.top < box.y + plot.bottom && t.bottom > box.y + plot.top;
      const overFinger = t.left < x + 22 && t.right > x - 22 && t.top < y + 22 && t.bottom > y - 22;
      check(`touch at ${Math.round(fx * 100)}% of the plot: the tooltip covers neither the finger nor the tapped candle`, !t.hidden && !overCandle && !overFinger, JSON.stringify({ t, x, y, line }));
    }
    await page.screenshot({ path: path.join(OUT, 'host-touch-360.png') });
    await context.close();
  }

  // --- 10. The one-file build's parameters; nothing sideways at 320 px ---------------------
  section('one file: URL parameters');
  {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const file = 'file://' + path.join(ROOT, 'www/dist/leverage-reset.html');
    await page.goto(`${file}?scenario=breakdown&locale=de-DE&sections=numbers,levels&ref=2026-03-16`);
    await page.waitForSelector('html[data-state=ready]', { timeout: 20000 });
    const r = await page.evaluate(() => ({ target: document.querySelector('[data-metric="target_usd"]').dataset.value, reference: document.querySelector('[data-metric="reference_usd"]').dataset.value,
      ath: document.querySelector('[data-metric="ath_usd"]').textContent, hidden: [...document.querySelectorAll('main > section')].filter((s) => s.hidden).map((s) => s.id).join(',') }));
    check('one file: ?scenario=breakdown', r.target === '43000', JSON.stringify(r));
    check('one file: ?ref=2026-03-16', +r.reference === closeOf('2026-03-16'), JSON.stringify(r));
    check('one file: ?locale=de-DE', /^126\.272\s\$$/.test(r.ath), r.ath);
    check('one file: ?sections=numbers,levels', r.hidden === 'orderly,miners,claims,next,events,sources', r.hidden);
    await context.close();
  }

  section('nothing scrolls sideways at 320 px');
  {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    for (const url of [BASE_URL + 'index.html', BASE_URL + 'index.html?layout=full', 'file://' + path.join(ROOT, 'www/dist/leverage-reset.html')]) {
      await page.goto(url);
      await page.waitForSelector('html[data-state=ready]', { timeout: 20000 });
      await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; for (const s of document.querySelectorAll('main > section')) s.hidden = false; });
      await page.evaluate(() => document.querySelector('#events')?.scrollIntoView());
      await page.waitForSelector('#events[data-state=ready]', { timeout: 10000 }).catch(() => {});
      await page.waitForTimeout(300);
      const r = await page.evaluate(() => {
        const wide = [...document.querySelectorAll('main *')].filter((e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.right > 321 && !e.closest('.table-wrap'); })
          .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className}`);
        return { scroll: document.documentElement.scrollWidth, wide };
      });
      check(`320 px: ${url.replace(BASE_URL, '').replace(/^file:.*\//, 'file: ')} does not scroll sideways (scrollWidth ${r.scroll})`, r.scroll <= 320, JSON.stringify(r));
    }
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('html[data-state=ready]');
    await page.screenshot({ path: path.join(OUT, 'host-320.png'), fullPage: true });
    await context.close();
  }
} finally {
  for (const p of plain) p.kill();
  await browser.close();
}
finish('HOST');
