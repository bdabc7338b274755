// Section screenshots for a human to look at: node tests/e2e/shots.mjs (BASE_URL, OUT_DIR).
import { chromium } from 'playwright-core';
const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000/';
const out = process.env.OUT_DIR ?? 'tests/e2e/out';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
for (const [name, viewport, scale] of [['desktop', { width: 1200, height: 900 }, 1], ['phone', { width: 360, height: 740 }, 2]]) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: scale });
  await page.goto(base);
  await page.waitForSelector('html[data-state=ready]');
  for (const id of ['numbers', 'orderly', 'levels', 'claims', 'next', 'sources']) {
    await page.locator(`#${id}`).screenshot({ path: `${out}/section-${name}-${id}.png` });
  }
  await page.close();
}
await browser.close();
