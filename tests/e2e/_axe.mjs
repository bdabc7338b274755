import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox','--disable-gpu','--disable-background-networking'] });
for (const [scheme, width] of [['light', 1200], ['dark', 360]]) {
  const ctx = await b.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, bypassCSP: true });
  const p = await ctx.newPage();
  await p.goto('http://127.0.0.1:8767/');
  await p.waitForSelector('html[data-state=ready]');
  await p.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const r = await p.evaluate(async () => { const res = await axe.run(document, { resultTypes: ['violations'] }); return res.violations.map(v => [v.id, v.impact, v.nodes.length, v.nodes.slice(0,3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary||'').slice(0,160))]); });
  console.log(scheme, width, JSON.stringify(r, null, 1));
  await ctx.close();
}
await b.close();
