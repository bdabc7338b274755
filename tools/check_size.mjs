#!/usr/bin/env node
// Size budget (issue 11), in the spirit of lightweight-charts' .size-limit.js: gzips each file of
// tools/size-budget.json (level 9, as `gzip -9`) and the total of what the default page loads,
// prints a table, and exits 1 naming every file over its budget. Run after tools/build.sh.
//   node tools/check_size.mjs [--json]
// The budgets are the sizes when they were set plus about 5%: the widget must not grow. The
// targets (issue 11: wasm <= 70 KB gzip, default embed <= 90 KB gzip) are printed beside them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const budget = JSON.parse(fs.readFileSync(path.join(ROOT, 'tools/size-budget.json'), 'utf8'));

const measured = new Map();
function size(file) {
  if (!measured.has(file)) {
    const p = path.join(ROOT, file);
    if (!fs.existsSync(p)) return null;
    const body = fs.readFileSync(p);
    measured.set(file, { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }
  return measured.get(file);
}

const rows = [];
const failures = [];
const kb = (b) => (b == null ? '–' : `${(b / 1024).toFixed(1)} KB`);
function check(name, s, b) {
  const over = s == null ? 'missing (run tools/build.sh)' : s.gzip > b.max_gzip ? `over by ${s.gzip - b.max_gzip} bytes` : '';
  rows.push([name, s ? String(s.raw) : '–', s ? String(s.gzip) : '–', String(b.max_gzip), b.target_gzip ? String(b.target_gzip) : '', over ? `FAIL ${over}` : `ok (${((s.gzip / b.max_gzip) * 100).toFixed(0)}%)`]);
  if (over) failures.push(`${name}: ${s == null ? 'missing' : `${s.gzip} bytes gzip (${kb(s.gzip)})`}, over its budget of ${b.max_gzip} bytes (${kb(b.max_gzip)})${b.target_gzip ? `; the target is ${kb(b.target_gzip)}` : ''}`);
}
for (const [file, b] of Object.entries(budget.files)) check(file, size(file), b);
const parts = budget.total.files.map(size);
const total = parts.some((s) => s == null) ? null : parts.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
check(`total: ${budget.total.name} (${budget.total.files.length} files)`, total, budget.total);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(Object.fromEntries([...measured].map(([f, s]) => [f, s])), null, 1));
} else {
  const head = ['file', 'raw bytes', 'gzip bytes', 'budget (gzip)', 'target (gzip)', 'status'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log('size budget (tools/size-budget.json), bytes gzip (node zlib level 9):');
  console.log(fmt(head));
  for (const r of rows) console.log(fmt(r));
}
if (failures.length) {
  for (const f of failures) console.error(`size budget FAIL: ${f}`);
  process.exit(1);
}
console.log(`size budget PASS: ${rows.length} entries within budget`);
