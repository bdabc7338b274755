// Shared by the end-to-end scripts: Debian's Chromium with the flags this machine needs
// (../shared/design/toolchain.md), and soft checks that are all reported before the exit code.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(ROOT, 'tests/e2e/out');
export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8000/';
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
fs.mkdirSync(OUT, { recursive: true });

export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

const results = [];
export function check(name, ok, detail = '') {
  results.push({ ok, name });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${ok ? '' : `: ${detail}`}`);
  return ok;
}
export const section = (title) => console.log(`\n## ${title}`);

/** Prints the summary under `label` and exits non-zero when a check failed. */
export function finish(label) {
  const failed = results.filter((r) => !r.ok);
  console.log(failed.length ? `\n${label} FAIL: ${failed.length} of ${results.length} checks failed` : `\n${label} PASS: ${results.length} checks`);
  process.exit(failed.length ? 1 : 0);
}
