// The compact, answer-first explainer (issue 10): what a reader sees first at 360×740 and
// 1200×900, the full analysis opened in place, header=off, the scenario segments, what a switch
// marks and announces, and layout shift. Plain Node script:
// BASE_URL=http://127.0.0.1:8000/ node tests/e2e/layout.mjs (tools/server.py serving www/).
import path from 'node:path';
import { BASE_URL, OUT, check, finish, launch, section } from './harness.mjs';

// Layout shifts not caused by input, summed (the CLS of a page that loads and is left alone).
const CLS_SCRIPT = () => {
  window.__cls = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
};
const box = (page, sel) => page.$eval(sel, (e) => { const r = e.getBoundingClientRect(); return { top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height, shown: r.height > 0 }; });
// The explainer's own height (the document's is at least the viewport's).
const height = (page) => page.evaluate(() => Math.ceil(document.querySelector('#explainer').getBoundingClientRect().bottom + scrollY));

// The height the stylesheet reserves for each drawn chart is the core's (chart_height_css).
async function checkReserved(page, label, atLeast) {
  const reserved = await page.$$eval('canvas[data-chart]', (cs) => cs.map((c) => {
    const drawn = c.style.height;
    c.style.height = '';
    const css = getComputedStyle(c).height;
    c.style.height = drawn;
    return [c.id, drawn, css];
  }).filter(([, drawn]) => drawn));
  check(`${label}: the stylesheet reserves each drawn chart's height (${reserved.length} charts)`, reserved.length >= atLeast && reserved.every(([, a, b]) => a === b), JSON.stringify(reserved));
}

const browser = await launch();
try {
  section('phone, 360×740, the default (compact) page');
  {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    await context.addInitScript(CLS_SCRIPT);
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('html[data-state=ready]');
    await page.waitForTimeout(1000);
    const screen = 740 * 1.6;
    const h = await height(page);
    check(`the compact page fits in 1.6 screens (${h} px ≤ ${screen})`, h <= screen, String(h));
    const finding = await page.$eval('[data-finding]', (e) => e.textContent);
    check('the finding comes first, with its figures', finding.startsWith('Bitcoin futures open interest fell 19.7%') && /80\.5%\s*to\s*135\.7%/.test(finding), finding);
    for (const [name, sel] of [['the finding', '[data-finding]'], ['the scenario control', '#scenario-control'], ['the price chart', '#price-chart'], ['the target', '#scenario-summary']]) {
      const b = await box(page, sel);
      check(`${name} is inside the first 1.6 screens (bottom ${Math.round(b.bottom)} px)`, b.shown && b.bottom <= screen, JSON.stringify(b));
    }
    // Level labels at phone width (short, inside the plot), with their marks: the chart as drawn, as SVG.
    const svg = await page.evaluate(async () => { await window.leverageReset.useFullModule(); return window.leverageReset.app.chart_svg('price', document.querySelector('#price-chart').clientWidth); });
    const labels = ['$126k (C)', '$89k (N)', '$75k–$80k (A)', '$50k–$55k (A)', '$43k (A)', '$33k (N)', 'target'].filter((l) => !svg.includes(`>\n${l}\n</text>`));
    check('every level is labelled on a phone (short labels with their marks, and the target)', labels.length === 0, `missing: ${labels.join(', ')}`);
    const gap = (await box(page, '#price-chart')).top - (await box(page, '#scenario-control')).bottom;
    check(`the scenario control sits on the chart (${Math.round(gap)} px above it)`, gap >= 0 && gap < 120, String(gap));
    check('nothing scrolls sideways', await page.evaluate(() => document.documentElement.scrollWidth) <= 360);
    const hidden = await page.$$eval('main > section', (secs) => secs.filter((s) => s.getBoundingClientRect().height === 0).map((s) => s.id).join(','));
    check('the full analysis waits behind its control', hidden === 'numbers,orderly,miners,levels,claims,next,events,sources', hidden);
    const segments = await page.$$eval('.scenario-options label', (ls) => ls.map((l) => [l.querySelector('input').dataset.scenario, l.querySelector('.whose').dataset.short ?? l.querySelector('.whose').textContent, getComputedStyle(l).height]));
    const goes = await page.$$eval('.scenario-options .to', (els) => els.map((e) => e.textContent));
    const usdK = (v) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 2 }).format(v);
    check('each segment says where it goes (the range holds the reference: "stays")', JSON.stringify(goes) === JSON.stringify([`to ${usdK(89070)}`, `stays ${usdK(55000)}–${usdK(75000)}`, `to ${usdK(50000)}–${usdK(55000)}`, `to ${usdK(43000)}`, `to ${usdK(32851)}`]), JSON.stringify(goes));
    check('five segments, each saying whose it is (the range is ours)', segments.length === 5 && segments.every(([id, w]) => (id === 'range' ? w === 'ours' : w === 'article')), JSON.stringify(segments));
    const cls = await page.evaluate(() => window.__cls);
    check(`layout shift while loading is at most 0.02 (${cls.toFixed(4)})`, cls <= 0.02, String(cls));
    await page.screenshot({ path: path.join(OUT, 'compact-360.png'), fullPage: true });
    // The height the stylesheet reserves is the core's (src/chart/mod.rs, chart_height_css).
    await checkReserved(page, 'phone, compact', 1);

    // No switch moves the chart: what a scenario says in words sits below it (at 360 px the
    // fragile range's meaning takes five lines, the others three).
    const tops = [];
    for (const id of ['range', 'retest', 'breakdown', 'catastrophic', 'recovery']) {
      await page.locator(`[data-scenario="${id}"]`).check();
      tops.push(await page.$eval('#price-chart', (c) => Math.round(c.getBoundingClientRect().top + window.scrollY)));
    }
    check('no switch moves the chart (its top at each of the five scenarios)', new Set(tops).size === 1, JSON.stringify(tops));

    // A switch: the target changes, the figures that changed are marked, one live region speaks.
    const live = () => page.$$eval('[aria-live], [role=status]', (els) => els.map((e) => e.textContent));
    const before = await live();
    await page.locator('[data-scenario="breakdown"]').check();
    await page.waitForTimeout(100);
    const after = await live();
    const spoke = after.filter((t, i) => t !== before[i]);
    check('a switch is announced once', spoke.length === 1 && spoke[0].startsWith('Breakdown'), JSON.stringify(spoke));
    // Read aloud without the provenance letters after the figures ("$63,526", not "$63,526C").
    check('the announcement has no provenance letter after a figure', spoke.length === 1 && !/\d%?[CANR]\b/.test(spoke[0]) && /\$43,000, a fall of 32\.3%/.test(spoke[0]), JSON.stringify(spoke));
    const target = await page.$eval('#scenario-summary [data-metric="target_usd"]', (e) => e.dataset.value);
    check('breakdown: the target is $43,000', target === '43000', target);
    const marked = await page.$$eval('#answer [data-metric].changed', (els) => els.filter((e) => e.getClientRects().length).map((e) => e.dataset.metric).sort().join(','));
    check('the figures the switch changed are marked, the reference is not', marked === 'move_pct,target_usd', marked);

    // Nothing moves after a switch (its frame is the only one drawn), and the marks stay until
    // the next switch, which moves them to what it changed.
    const playing = await page.evaluate(() => document.getAnimations().length);
    check('a switch starts no animation', playing === 0, String(playing));
    await page.waitForTimeout(1600);
    const kept = await page.$$eval('#answer [data-metric].changed', (els) => els.filter((e) => e.getClientRects().length).map((e) => e.dataset.metric).sort().join(','));
    check('1.6 s later the changed figures are still marked', kept === 'move_pct,target_usd', kept);
    // breakdown -> catastrophic: the target and the move change; so does the target's label.
    await page.locator('[data-scenario="catastrophic"]').check();
    const moved = await page.$$eval('#answer [data-metric].changed', (els) => els.filter((e) => e.getClientRects().length).map((e) => `${e.dataset.metric}=${e.textContent}`).sort().join(','));
    check('the next switch marks what it changed ($32,851, 48.3%)', /target_usd=\$32,851/.test(moved) && /move_pct=48\.3%/.test(moved), moved);
    await page.locator('[data-scenario="breakdown"]').check();

    // The full analysis opens in place, its charts drawn at their width.
    const toggleTop = () => page.$eval('#layout-toggle', (b) => b.getBoundingClientRect().top);
    await page.locator('#layout-toggle').scrollIntoViewIfNeeded();
    const topBefore = await toggleTop();
    await page.locator('#layout-toggle').click();
    // (its module first: the full analysis is the full module's)
    await page.waitForFunction(() => document.querySelector('#layout-toggle').getAttribute('aria-expanded') === 'true', null, { timeout: 15000 }).catch(() => {});
    const open = await page.$eval('#layout-toggle', (b) => b.getAttribute('aria-expanded'));
    // The sections that open above the toggle (the dek, the chart's tools) do not push it away.
    const topAfter = await toggleTop();
    check('opening the analysis keeps the toggle where it was on screen', Math.abs(topAfter - topBefore) <= 1, `${topBefore} -> ${topAfter}`);
    const oi = await page.$eval('#oi-chart', (c) => [c.getBoundingClientRect().width, c.parentElement.clientWidth, c.width]);
    check('the full analysis opens in place', open === 'true' && (await box(page, '#numbers')).shown && (await box(page, '#sources')).shown, open);
    check('a chart of the opened analysis is drawn at its width', Math.abs(oi[0] - oi[1]) <= 1 && oi[2] >= oi[1] * 3 - 3, JSON.stringify(oi));
    await checkReserved(page, 'phone, full', 3);
    // Tables as cards: every cell inside the screen, each value after its column's heading.
    const cards = await page.$$eval('.table-wrap table:not(.events-table)', (ts) => ts.filter((t) => t.getClientRects().length).map((t) => {
      const cells = [...t.querySelectorAll('tbody td')];
      return [t.id, cells.length, cells.filter((c) => c.getBoundingClientRect().right > innerWidth + 0.5).length,
        cells.filter((c) => getComputedStyle(c, '::before').content !== `"${c.dataset.label}"`).length, getComputedStyle(t.tHead ?? t).position];
    }));
    const filled = cards.filter(([, n]) => n > 0);
    check('tables read as cards on a phone: nothing cut off, every value after its heading', filled.length >= 6 && filled.every(([, n, out, unlabelled, head]) => n > 0 && out === 0 && unlabelled === 0 && head === 'absolute'), JSON.stringify(cards));
    await page.locator('#claims-table').screenshot({ path: path.join(OUT, 'cards-360-claims.png') });
    const full = await height(page);
    console.log(`  size  page height at 360 px: compact ${h} px, full ${full} px`);
    await page.locator('#layout-toggle').click();
    check('and closes again', (await height(page)) === h, String(await height(page)));
    await context.close();
  }

  section('desktop, 1200×900');
  {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addInitScript(CLS_SCRIPT);
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('html[data-state=ready]');
    await page.waitForTimeout(1000);
    const h = await height(page);
    check(`the compact page fits in one screen (${h} px ≤ 900)`, h <= 900, String(h));
    const cls = await page.evaluate(() => window.__cls);
    check(`layout shift while loading is at most 0.02 (${cls.toFixed(4)})`, cls <= 0.02, String(cls));
    await page.screenshot({ path: path.join(OUT, 'compact-1200.png'), fullPage: true });
    await page.goto(BASE_URL + 'index.html?header=off');
    await page.waitForSelector('html[data-state=ready]');
    const h1 = await page.$eval('h1', (e) => e.getBoundingClientRect().height);
    check('header=off hides the headline', h1 === 0 && (await height(page)) < h, String(h1));
    await page.goto(BASE_URL + 'index.html?layout=full');
    await page.waitForSelector('html[data-state=ready]');
    const shown = await page.$$eval('main > section', (secs) => secs.every((s) => s.getBoundingClientRect().height > 0));
    const fullH = await height(page);
    check('layout=full shows every section', shown && fullH > 3 * h, String(fullH));
    await checkReserved(page, 'desktop, full', 3);
    console.log(`  size  page height at 1200 px: compact ${h} px, full ${fullH} px`);
    await context.close();
  }
  section('layout shift on a host page with the element (the README snippet)');
  for (const width of [360, 1200]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript(CLS_SCRIPT);
    const html = `<!doctype html><html><head><meta name=viewport content="width=device-width"><script type="module" src="${BASE_URL}leverage-reset.js"></script></head>
      <body style="max-width:680px;margin:0 auto;font:18px Georgia"><h1>Article</h1><p>Intro.</p>
      <leverage-reset-explainer style="display:block;min-height:1000px"></leverage-reset-explainer><p id="after">The article continues.</p></body></html>`;
    await context.route(BASE_URL + 'host-cls.html', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: html }));
    const page = await context.newPage();
    await page.goto(BASE_URL + 'host-cls.html');
    await page.waitForSelector('leverage-reset-explainer[data-state=ready]', { timeout: 20000 });
    await page.waitForTimeout(1000);
    const cls = await page.evaluate(() => window.__cls);
    check(`host page at ${width} px: layout shift while the element loads is at most 0.02 (${cls.toFixed(4)})`, cls <= 0.02, String(cls));
    await context.close();
  }

  section('the first frame before the core is ready');
  for (const [width, height, chartH, file] of [[1200, 900, 400, 'price-first-820.svg'], [768, 1024, 400, 'price-first-736.svg'], [360, 740, 320, 'price-first-328.svg']]) {
    const context = await browser.newContext({ viewport: { width, height } });
    // The wasm held back 2 s: meanwhile the chart's box holds the default view's chart without
    // its target (static/price-first-*.svg, rendered natively, a few dozen SVG elements), and
    // the live chart replaces it without moving what is below.
    await context.route(/\.wasm$/, async (route) => { await new Promise((r) => setTimeout(r, 2000)); await route.continue(); });
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('#price-chart');
    await page.waitForFunction(() => document.querySelector('#price-first img')?.complete);
    const box = () => page.evaluate(() => {
      const r = document.querySelector('#price-wrap').getBoundingClientRect();
      const img = document.querySelector('#price-first img');
      const i = img?.getBoundingClientRect();
      return {
        state: document.documentElement.dataset.state, h: r.height, w: r.width, below: document.querySelector('#scenario-summary')?.getBoundingClientRect().top ?? null,
        img: img && { src: img.currentSrc.split('/').pop(), natural: [img.naturalWidth, img.naturalHeight], box: [i.left - r.left, i.top - r.top, i.width, i.height], shown: getComputedStyle(document.querySelector('#price-first')).display !== 'none' },
      };
    });
    const early = await box();
    check(`${width} px: while the core loads, the price chart keeps its box`, early.state === 'loading' && early.h === chartH, JSON.stringify(early));
    check(`${width} px: and shows the static chart for its width, loaded, over the whole box`,
      early.img?.shown && early.img.src === file && early.img.natural[0] > 0 && early.img.box[0] === 0 && early.img.box[1] === 0 && early.img.box[2] === early.w && early.img.box[3] === chartH, JSON.stringify(early.img));
    await page.waitForSelector('html[data-state=ready]');
    const late = await box();
    check(`${width} px: the live chart replaces it; nothing below moves`, late.h === chartH && late.below === early.below && late.img === null, JSON.stringify([early, late]));
    await context.close();
  }
  {
    // Dark readers get the dark twin, not a light flash.
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'dark' });
    await context.route(/\.wasm$/, async (route) => { await new Promise((r) => setTimeout(r, 1000)); await route.continue(); });
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html');
    await page.waitForFunction(() => document.querySelector('#price-first img')?.complete);
    const img = await page.evaluate(() => ({ shown: getComputedStyle(document.querySelector('#price-first')).display !== 'none', src: document.querySelector('#price-first img').currentSrc.split('/').pop() }));
    check('in dark mode the static chart is the dark one', img.shown && img.src === 'price-first-820-dark.svg', JSON.stringify(img));
    await context.close();
  }

  section('the reader\'s locale');
  {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    for (const locale of ['de-DE', 'fr-FR', 'tr-TR', 'ar-EG', 'hi-IN']) {
      await page.goto(BASE_URL + `index.html?layout=full&locale=${locale}`);
      await page.waitForSelector('html[data-state=ready]');
      // Expected strings from Node's own Intl (the high $126,272, the 52.5% drawdown, 1 Aug 2025).
      const usd = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(126272);
      const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(0.525);
      const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date('2025-08-01T00:00:00Z'));
      const shown = await page.evaluate(() => {
        const d = document.querySelector('details[data-chart=price]');
        d.open = true;
        return new Promise((r) => setTimeout(() => r({
          usd: document.querySelector('#numbers [data-metric="ath_usd"]').textContent,
          pct: document.querySelector('#numbers [data-metric="drawdown_at_low_pct"]').textContent,
          day: d.querySelector('tbody td')?.textContent,
          summary: document.querySelector('#summary-price').textContent,
        }), 200));
      });
      check(`${locale}: figures, percents and table dates through Intl (${shown.usd}, ${shown.pct}, ${shown.day})`, shown.usd === usd && shown.pct === pct && shown.day === day && shown.summary.includes(usd), JSON.stringify({ shown, usd, pct, day }));
      // The labels drawn inside the charts (the SVG export is drawn by the same code, with the
      // same format): prices, dates and percents through Intl, the words English.
      const drawn = await page.evaluate(async () => {
        await window.leverageReset.useFullModule();
        const texts = (id) => [...window.leverageReset.app.chart_svg(id, 760).matchAll(/<text[^>]*>\s*([\s\S]*?)\s*<\/text>/g)]
          .map((m) => m[1].replace(/[\u2068\u2069]/g, '').replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'));
        const v = window.leverageReset.app.view();
        return { price: texts('price'), ladder: texts('ladder'), reference: v.reference_usd, moves: v.scenarios.filter((x) => !x.contains_reference).map((x) => x.move_from_reference) };
      });
      const compact = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 0, maximumSignificantDigits: 2, roundingPriority: 'morePrecision' });
      const full = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
      const signed = new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 });
      const date = (iso, o) => new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' }).format(new Date(iso + 'T00:00:00Z'));
      const has = (texts, t) => texts.includes(t);
      const starts = (texts, t) => texts.some((x) => x.startsWith(t));
      const wanted = [
        ['y axis', has(drawn.price, compact.format(100000))],
        ['the high', has(drawn.price, `High ${usd} (C)`)],
        ['a level', has(drawn.price, `${full.format(89070)} resistance (N)`)],
        ['a zone', starts(drawn.price, `${compact.format(75000)}–${compact.format(80000)} `)],
        // Its long form ("10. Okt.: 19 Mrd. $ liquidated (R)") gives way to the short one where the lane is full.
        ['10 Oct', starts(drawn.price, date('2025-10-10', { day: 'numeric', month: 'short' }))],
        ['the time axis', has(drawn.price, date('2025-08-01', { month: 'short', year: 'numeric' }))],
        // Where the locale writes it differently, no label keeps the en-US form.
        ['no en-US label', [['$126,272', usd], ['$89,070', full.format(89070)], ['$100k', compact.format(100000)], ['10 Oct', date('2025-10-10', { day: 'numeric', month: 'short' })],
          ['Aug 2025', date('2025-08-01', { month: 'short', year: 'numeric' })], ['+40%', signed.format(0.4)]].every(([en, local]) => en === local || !drawn.price.concat(drawn.ladder).some((t) => t.includes(en)))],
        // The y labels (round prices) are all different: "$1.2 lakh", not "$1 lakh" twice.
        ['distinct y labels', ((ys) => ys.length >= 4 && new Set(ys).size === ys.length)(drawn.price.filter((t) => Array.from({ length: 21 }, (_, k) => compact.format(k * 10000)).includes(t)))],
        ['ladder y axis', has(drawn.ladder, compact.format(100000))],
        ['the reference', has(drawn.ladder, `reference ${compact.format(drawn.reference)}`)],
        ['the moves', drawn.moves.every((m) => has(drawn.ladder, m.low === m.high ? signed.format(m.low) : `${signed.format(m.low)}…${signed.format(m.high)}`))],
      ].filter(([, ok]) => !ok).map(([what]) => what);
      check(`${locale}: the charts' labels through Intl (${drawn.price.find((t) => t.startsWith('High'))}; ${drawn.ladder.find((t) => t.startsWith('reference'))})`, wanted.length === 0, `wrong: ${wanted.join(', ')}; ${JSON.stringify(drawn)}`);
    }
    await context.close();
  }

  section('change marks');
  {
    // A switch marks the figures it changed; marks left in parts that were not shown (the
    // compact page's detail paragraph) do not play when the full analysis opens later.
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(BASE_URL + 'index.html');
    await page.waitForSelector('html[data-state=ready]');
    await page.locator('[data-scenario="range"]').check({ force: true });
    const marked = await page.evaluate(() => [...document.querySelectorAll('#answer [data-metric].changed')].map((e) => e.dataset.metric));
    // recovery -> range: the target ($89,070 -> $55,000–$75,000) and the move change.
    check('a switch marks the target it changed', marked.includes('target_usd'), JSON.stringify(marked));
    await page.locator('[data-scenario="retest"]').check({ force: true });
    await page.waitForTimeout(300);
    await page.click('#layout-toggle');
    await page.waitForTimeout(150);
    const shown = await page.evaluate(() => [...document.querySelectorAll('[data-metric].changed')].filter((e) => e.getClientRects().length).map((e) => e.dataset.metric));
    check('opening the full analysis shows no mark of an earlier switch', shown.length === 0, JSON.stringify(shown));
    // The detail paragraph, hidden in the compact layout, is written after the switch's frame:
    // open, it tells the retest's target ($50,000–$55,000): the nearest levels there are the
    // $43,000 floor and the $75,000 edge of the $75k–$80k zone.
    const detail = await page.$eval('[data-text="scenario_detail"]', (e) => e.textContent);
    check('the hidden detail paragraph followed the switch (retest: support $43,000, resistance $75,000)', /support would be \$43,000.*resistance \$75,000/.test(detail), detail);
    await context.close();
  }
} finally {
  await browser.close();
}
finish('LAYOUT');
