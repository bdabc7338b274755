// A large price file for the wasm memory checks (the bench and tests/e2e/memory.mjs): the bundled
// daily bars, extended backwards by a seeded random walk to `mb` megabytes (the page's limit is 5).
export function bigCsv(bundledCsv, mb) {
  const rows = bundledCsv.split('\n').filter((l) => l && !l.startsWith('#'));
  const head = rows.shift().split(',');
  const col = (n) => head.indexOf(n);
  const real = rows.map((r) => { const f = r.split(','); return [f[col('date')], +f[col('open')], +f[col('high')], +f[col('low')], +f[col('close')]]; });
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const lines = real.map((b) => b.join(','));
  let day = Date.parse(real[0][0] + 'T00:00:00Z');
  let close = real[0][1];
  let bytes = lines.reduce((n, l) => n + l.length + 1, 0);
  const back = [];
  while (bytes < mb * 1024 * 1024) {
    day -= 86400000;
    const open = close * Math.exp((rnd() - 0.5) * 0.05);
    const hi = Math.max(open, close) * (1 + rnd() * 0.01);
    const lo = Math.min(open, close) * (1 - rnd() * 0.01);
    const line = `${new Date(day).toISOString().slice(0, 10)},${open.toFixed(2)},${hi.toFixed(2)},${lo.toFixed(2)},${close.toFixed(2)}`;
    back.push(line);
    bytes += line.length + 1;
    close = open;
  }
  return `date,open,high,low,close\n${back.reverse().join('\n')}\n${lines.join('\n')}\n`;
}
