// End-to-end test of the event study (#events, issue 12) in Debian's Chromium: the section, the
// toggles, the table hooks, hover and keys on the chart, and no overlap of the end labels at
// 360 px. Plain Node script: BASE_URL=http://127.0.0.1:8000/ node tests/e2e/events.mjs
// Expected values come from www/data/event_windows.csv, read here.
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, OUT, ROOT, check, finish, launch } from './harness.mjs';

// The oracle: Feb 2026's closes from the bundled windows.
const feb = fs.readFileSync(path.join(ROOT, 'www/data/event_windows.csv'), 'utf8')
  .split('\n').filter((l) => l.startsWith('feb2026,')).map((l) => l.split(','))
  .map(([, date, , , , close]) => ({ date, close: +close }));
const at = (date) => feb.find((r) => r.date === date).close;
const worstChange = at('2026-02-05') / at('2026-02-04') - 1; // −13.98%
const dayPlusOne = (at('2026-02-06') / at('2026-02-04')) * 100; // 96.6

async function lazyLoad(browser) {
  console.log('\n## the event windows load only near the section');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(`${BASE_URL}index.html?layout=full`);
  await page.waitForSelector('html[data-state=ready]', { timeout: 20000 });
  await page.waitForTimeout(500);
  check('first screen: the event windows are not fetched', !asked.some((u) => u.includes('event_windows.csv')), asked.filter((u) => u.includes('event')).join(', '));
  await page.locator('#events').scrollIntoViewIfNeeded();
  const ready = await page.waitForSelector('#events[data-state=ready]', { timeout: 20000 }).then(() => true, () => false);
  check('scrolled near: the event study loads', ready && asked.some((u) => u.includes('event_windows.csv')), asked.filter((u) => u.includes('event')).join(', '));
  await context.close();
}

async function run(browser, width) {
  const tag = `${width}px`;
  console.log(`\n## ${tag}`);
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${BASE_URL}index.html?sections=events`);
  // The section loads when it comes near the screen, as a reader scrolls to it.
  await page.waitForSelector('html[data-state=ready]');
  await page.locator('#events').scrollIntoViewIfNeeded();
  const ready = await page.waitForSelector('#events[data-state=ready]', { timeout: 20000 }).then(() => true, () => false);
  check(`${tag}: the section loads`, ready, await page.$eval('#events-error', (e) => e.textContent).catch(() => ''));
  if (!ready) return context.close();

  const toggles = await page.$$eval('#event-toggles input[data-event]', (els) => els.map((e) => [e.dataset.event, e.checked]));
  check(`${tag}: six toggles, all on`, toggles.length === 6 && toggles.every(([, on]) => on), JSON.stringify(toggles));
  const cell = await page.$eval('td[data-event="feb2026"][data-metric="worst_day_change_pct"]', (td) => [td.dataset.value, td.dataset.provenance, td.textContent, td.querySelector('.mark')?.className, td.querySelector('.mark')?.textContent]);
  check(`${tag}: Feb 2026's worst day is ${(worstChange * 100).toFixed(1)}% with its hook and a computed mark`, Math.abs(+cell[0] - worstChange) < 1e-9 && cell[1] === 'computed' && cell[2].startsWith(`${(worstChange * 100).toFixed(1)}%`) && cell[3] === 'mark mark-computed' && cell[4] === 'C', JSON.stringify(cell));
  const marks = await page.$$eval('#events-table td[data-metric]', (tds) => tds.filter((td) => td.querySelector('.mark-computed')).length);
  check(`${tag}: every figure of the table has its mark`, marks === 66, String(marks));
  const lev = await page.$$eval('#events-leverage-table td[data-metric]', (tds) => tds.map((td) => ({ p: td.dataset.provenance, mark: td.querySelector('.mark')?.className, href: td.querySelector('a.mark')?.href ?? null, text: td.textContent })));
  const kinds = new Set(lev.map((l) => l.p));
  check(`${tag}: leverage figures are computed, reported (linked) or not found, each with its mark`,
    lev.length > 0 && [...kinds].every((k) => ['computed', 'reported', 'not_found'].includes(k)) && kinds.size === 3
      && lev.every((l) => l.mark === `mark mark-${l.p}`) && lev.filter((l) => l.p === 'reported').every((l) => l.href?.startsWith('https://')),
    JSON.stringify(lev));
  const oiDay = await page.$eval('td[data-event="oct10_2025"][data-metric="oi_change_day_usd"]', (td) => td.textContent);
  check(`${tag}: October's open interest change reads in Intl compact dollars`, oiDay.startsWith('-$19.73B (-21.9%)'), oiDay);
  const hooks = await page.$$eval('#events-table td[data-event][data-metric]', (tds) => tds.length);
  check(`${tag}: 6 × 11 figure hooks`, hooks === 66, String(hooks));
  const sentences = await page.$$eval('#events-sentences p', (ps) => ps.map((p) => p.textContent));
  check(`${tag}: the sentences rank the fall`, sentences.length === 3 && sentences[0].includes('fifth-largest') && sentences[1].includes('held'), JSON.stringify(sentences));
  const want = `Feb 2026's worst day, a ${(-worstChange * 100).toFixed(1)}% fall from close to close on Feb 5, 2026, was the fifth-largest`;
  check(`${tag}: the sentence's numbers and dates are formatted by the page`, sentences[0].startsWith(want) && sentences[0].includes('(-38.8%)') && sentences[0].includes('4.9 times'), JSON.stringify([want, sentences[0]]));

  // Toggle one event off and on.
  await page.click('#event-toggles input[data-event="covid_2020"]');
  const off = await page.$eval('#events-summary', (p) => p.textContent);
  check(`${tag}: unticking Mar 2020 removes it`, !off.includes('Mar 2020') && off.includes('Feb 2026'), off);
  await page.click('#event-toggles input[data-event="covid_2020"]');

  // Hover day +1: every line's value; Feb 2026 = 70,531 / 73,000 × 100.
  const canvas = page.locator('#events-chart');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const plot = await page.$eval('#events-chart', (c) => [+c.dataset.plotLeft, +c.dataset.plotRight]);
  await page.mouse.move(box.x + plot[0] + (31 / 120) * (plot[1] - plot[0]), box.y + box.height / 2);
  const tip = await page.$eval('#events-tooltip', (t) => ({ hidden: t.hidden, rows: [...t.querySelectorAll('[data-event]')].map((r) => r.textContent) }));
  const febRow = tip.rows.find((r) => r.startsWith('Feb 2026'));
  check(`${tag}: hover on day +1 reads six lines, Feb 2026 at ${dayPlusOne.toFixed(1)}`, !tip.hidden && tip.rows.length === 6 && febRow?.includes(dayPlusOne.toFixed(1)), JSON.stringify(tip));
  await page.screenshot({ path: path.join(OUT, `events-${width}.png`), fullPage: true });

  // Keys: End goes to day +90, ← one day back.
  await canvas.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  const head = await page.$eval('#events-tooltip strong', (s) => s.textContent);
  check(`${tag}: End then ← shows day +89`, head === 'Day +89', head);

  // End labels: no two overlap (the SVG twin of the canvas, same layout code).
  const labels = await page.evaluate((w) => {
    const svg = window.leverageReset.events.svg(w, false);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const names = ['Mar 2020', 'May 2021', 'Jun 2022', 'Nov 2022', 'Oct 2025', 'Feb 2026'];
    return [...doc.querySelectorAll('text')].filter((t) => names.includes(t.textContent.trim()))
      .map((t) => ({ text: t.textContent.trim(), x: +t.getAttribute('x'), y: +t.getAttribute('y'), size: +t.getAttribute('font-size') }));
  }, width);
  const overlaps = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => Math.abs(a.y - b.y) < Math.max(a.size, b.size)).map((b) => `${a.text}/${b.text}`));
  check(`${tag}: six end labels, none overlapping`, labels.length === 6 && overlaps.length === 0, JSON.stringify({ overlaps, labels }));
  check(`${tag}: no page errors`, errors.length === 0, errors.join('; '));
  await context.close();
}

// Another locale: the same figures in German, formatted by Intl (none by the core). Intl puts a
// no-break space before the percent sign, hence \s.
async function runLocale(browser) {
  console.log('\n## de-DE');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${BASE_URL}index.html?sections=events`);
  await page.waitForSelector('html[data-state=ready]');
  await page.locator('#events').scrollIntoViewIfNeeded();
  const ready = await page.waitForSelector('#events[data-state=ready]', { timeout: 20000 }).then(() => true, () => false);
  check('de-DE: the section loads', ready);
  if (!ready) return context.close();
  const s0 = await page.$eval('#events-sentences p', (p) => p.textContent);
  const cell = await page.$eval('td[data-event="feb2026"][data-metric="worst_day_change_pct"]', (td) => td.textContent);
  check('de-DE: sentence and table use the reader\'s locale', /a 14,0\s%/.test(s0) && s0.includes('4,9 times') && /5\. Feb\.? 2026/.test(s0) && /^[-\u2212]14,0\s%/.test(cell), JSON.stringify([s0, cell]));
  await context.close();
}

const browser = await launch();
try {
  await lazyLoad(browser);
  for (const w of [360, 1200]) await run(browser, w);
  await runLocale(browser);
} finally {
  await browser.close();
}
finish('events e2e');
