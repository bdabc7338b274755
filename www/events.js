// The event study (#events): this crash beside earlier ones. Self-contained: it fetches its own
// three files only when the section is shown, and draws with its own wasm handle (the full
// module's EventsPanel). Loaded by main.js (wireEvents there) when the section comes near the
// screen, so the default page does not carry its wiring; `ctx` is main.js's explainer: its
// formatters, DOM helpers and state.
const EVENT_FILES = ['data/events.csv', 'data/event_windows.csv', 'data/event_leverage.csv'];
// Table columns: [figure id, heading, unit, value of an event's figures (null = none)].
const EVENT_COLUMNS = [
  ['worst_day_change_pct', 'Worst day', 'pct', (e) => e.worst_day_change * 100],
  ['fall_from_prior_high_pct', 'From 30-day high to low', 'pct', (e) => e.fall_from_prior_high * 100],
  ['fall_from_cycle_high_pct', 'From cycle high to low', 'pct', (e) => e.fall_from_cycle_high * 100],
  ['days_prior_high_to_low', 'Days high to low', 'days', (e) => e.days_prior_high_to_low],
  ['event_low_usd', 'Low', 'usd', (e) => e.event_low.usd],
  ['rebound_7d_pct', 'Rebound 7 days', 'pct', (e) => (e.rebound_7d == null ? null : e.rebound_7d * 100)],
  ['rebound_30d_pct', 'Rebound 30 days', 'pct', (e) => (e.rebound_30d == null ? null : e.rebound_30d * 100)],
  ['rebound_90d_pct', 'Rebound 90 days', 'pct', (e) => (e.rebound_90d == null ? null : e.rebound_90d * 100)],
  ['low_undercut', 'Low held 90 days?', 'undercut', (e) => e.undercut],
  ['volume_multiple', 'Volume × 30-day median', 'times', (e) => e.volume_multiple],
  ['rsi14_worst_day', 'RSI(14) on the worst day', 'index', (e) => e.rsi14],
];

// `inline` is the one-file build's data: {events, windows, leverage} as text, or absent (then
// the section is hidden rather than fetched from disk).
export async function wireEvents(ctx, app, inline) {
  const { $, PROVENANCE_WORDS, announce, download, fetchText, fmt, fmtDate, handle, here, inputs, labelCells, markFor, needFull, root, textNodes } = ctx;
  const section = $('#events');
  if (!section || section.hidden) return null;
  if (inline && !inline.events) { section.hidden = true; return null; }
  let panel;
  let data;
  let core;
  let make;
  try {
    const [texts] = await Promise.all([inline ? [inline.events, inline.windows, inline.leverage] : Promise.all(EVENT_FILES.map((f) => fetchText(here(f)))), needFull()]);
    const names = EVENT_FILES.map((f) => f.split('/').pop());
    make = () => {
      const p = new (ctx.glue()).EventsPanel(texts[0], names[0], texts[1], names[1], texts[2], names[2], section.dataset.highlight || 'feb2026');
      p.set_transparent(inputs.transparent);
      return p;
    };
    // Through a proxy: on a new instance (renewIfLarge) a new panel from the same files takes over.
    core = make();
    panel = new Proxy({}, { get: (_, name) => { const v = core[name]; return typeof v === 'function' ? v.bind(core) : v; } });
    ctx.setEventTexts(texts);
    data = panel.data();
  } catch (e) {
    // Said in words, with a way to try again (main.js: the same as when this file cannot load).
    ctx.eventsFailed(app, inline, e?.message ?? String(e));
    return null;
  }
  ctx.setRenewEvents(() => { core = make(); core.set_visible(shown()); draw(); });
  const byId = Object.fromEntries(data.events.map((e) => [e.id, e]));
  const dark = () => root.dataset.theme === 'dark';
  const canvas = $('#events-chart');

  $('#events-sentences').replaceChildren(...data.sentences.map((t) => {
    const p = document.createElement('p');
    p.append(...textNodes(t, new Map()));
    return p;
  }));
  $('#events-source').textContent = `Source: ${data.source_note}; each figure's source is in the tables below.`;

  // Toggles.
  const toggles = $('#event-toggles');
  for (const e of data.events) {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', checked: true, value: e.id });
    box.dataset.event = e.id;
    label.append(box, ` ${e.short_name}`);
    if (e.id === data.highlight) label.classList.add('event-highlight');
    toggles.append(label);
  }
  const draw = () => {
    const ratio = window.devicePixelRatio || 1;
    const cssWidth = Math.max(280, Math.floor(canvas.parentElement.clientWidth));
    const cssHeight = panel.height(cssWidth);
    canvas.style.width = cssWidth + 'px';
    canvas.style.height = cssHeight + 'px';
    canvas.width = Math.round(cssWidth * ratio);
    canvas.height = Math.round(cssHeight * ratio);
    panel.draw(canvas, ratio, dark());
    const [left, top, right, bottom] = panel.plot_area_css();
    Object.assign(canvas.dataset, { plotLeft: left, plotTop: top, plotRight: right, plotBottom: bottom });
  };
  const shown = () => [...toggles.querySelectorAll('input:checked')].map((b) => b.value);
  const summary = () => {
    const names = shown().map((id) => byId[id].short_name);
    $('#events-summary').textContent = names.length ? `Showing ${names.join(', ')}.` : 'No crash selected.';
  };
  toggles.addEventListener('change', () => { panel.set_visible(shown()); hide(); draw(); summary(); });

  // Hover, touch and keys: a crosshair and a read-out of every visible line at that day.
  const tip = $('#events-tooltip');
  const line = $('#events-crosshair');
  let day = null;
  const hide = () => { tip.hidden = true; line.hidden = true; };
  const show = (h) => {
    if (!h) { hide(); return; }
    day = h.day;
    const [, top, , bottom] = panel.plot_area_css();
    Object.assign(line.style, { left: `${h.x_css}px`, top: `${top}px`, height: `${bottom - top}px` });
    line.hidden = false;
    const head = h.day === 0 ? 'The worst day' : `Day ${h.day > 0 ? '+' : ''}${fmt('days', h.day)}`;
    const rows = [...h.lines].sort((a, b) => b.value - a.value).map((l) => {
      const row = document.createElement('div');
      row.dataset.event = l.id;
      row.textContent = `${l.label}: ${fmt('index', l.value)} (${fmtDate(l.date)})`;
      return row;
    });
    tip.replaceChildren(Object.assign(document.createElement('strong'), { textContent: head }), ...rows);
    tip.hidden = false;
    const w = canvas.clientWidth;
    tip.style.left = `${h.x_css + 12 + tip.offsetWidth > w ? Math.max(0, h.x_css - 12 - tip.offsetWidth) : h.x_css + 12}px`;
    return h;
  };
  const readOut = (h) => h && announce(`${h.day === 0 ? 'The worst day' : `Day ${fmt('days', h.day)}`}: ${h.lines.map((l) => `${l.label} ${fmt('index', l.value)} (${fmtDate(l.date)})`).join(', ')}`);
  canvas.addEventListener('pointermove', (ev) => {
    const r = canvas.getBoundingClientRect();
    show(panel.hover(ev.clientX - r.left));
  });
  canvas.addEventListener('pointerleave', (ev) => { if (ev.pointerType === 'mouse') hide(); });
  canvas.addEventListener('keydown', (ev) => {
    const step = { ArrowLeft: -1, ArrowRight: 1 }[ev.key] ?? 0;
    if (step || ev.key === 'Home' || ev.key === 'End') {
      ev.preventDefault();
      const next = ev.key === 'Home' ? -30 : ev.key === 'End' ? 90 : (day ?? -1) + step * (ev.shiftKey ? 7 : 1);
      readOut(show(panel.hover_day(next)));
    } else if (ev.key === 'Enter') {
      readOut(panel.hover_day(day ?? 0));
    } else if (ev.key === 'Escape') hide();
  });
  canvas.addEventListener('blur', hide);

  // Table of figures: one row per event, each figure with its hook and raw value; sortable.
  const table = $('#events-table');
  const headRow = document.createElement('tr');
  headRow.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: 'Crash' }));
  EVENT_COLUMNS.forEach(([id, heading], k) => {
    const th = Object.assign(document.createElement('th'), { scope: 'col' });
    th.dataset.metric = id;
    const btn = Object.assign(document.createElement('button'), { type: 'button', textContent: heading, className: 'sort' });
    btn.addEventListener('click', () => sortBy(k + 1, th));
    th.append(btn);
    headRow.append(th);
  });
  table.tHead.replaceChildren(headRow);
  // Every figure of this table is computed here from the bundled daily bars (the cycle high by
  // the generator from the long history, named in its title).
  const computed = (e) => `daily bars of ${e.price_source}`;
  const cellText = (unit, v, e) => {
    if (v == null) return 'not yet known';
    switch (unit) {
      case 'pct': return fmt('pct', v, 1);
      case 'usd': return `${fmt('usd', v)}, ${fmtDate(e.event_low.date)}`;
      case 'days': return fmt('days', v);
      case 'times': return `${fmt('ratio', v, 1)}×`;
      case 'index': return fmt('index', v, 1);
      case 'undercut': return v.status === 'held' ? 'held' : v.status === 'undercut' ? `undercut ${fmtDate(v.date)}` : 'not yet known';
      default: return String(v);
    }
  };
  const rows = data.events.map((e) => {
    const tr = document.createElement('tr');
    tr.dataset.event = e.id;
    if (e.id === data.highlight) tr.classList.add('event-highlight');
    const name = Object.assign(document.createElement('th'), { scope: 'row', textContent: e.short_name, title: `${e.name}. ${e.notes}` });
    tr.append(name);
    for (const [id, , unit, get] of EVENT_COLUMNS) {
      const v = get(e);
      const td = Object.assign(document.createElement('td'), { textContent: cellText(unit, v, e) });
      Object.assign(td.dataset, { event: e.id, metric: id, provenance: 'computed' });
      td.dataset.value = v == null ? '' : unit === 'undercut' ? (v.date ?? v.status) : String(unit === 'pct' ? v / 100 : v);
      td.dataset.sort = v == null ? '' : unit === 'undercut' ? (v.status === 'held' ? '1' : '0') : String(v);
      const source = id === 'fall_from_cycle_high_pct'
        ? `low / cycle high − 1; cycle high ${fmt('usd', e.cycle_high.usd)} on ${fmtDate(e.cycle_high.date)}, ${e.cycle_high_provenance.replace(/^computed: /, '')}`
        : computed(e);
      td.title = `${PROVENANCE_WORDS.computed}: ${source}`;
      td.append(markFor({ provenance: 'computed', source }));
      tr.append(td);
    }
    return tr;
  });
  table.tBodies[0].replaceChildren(...rows);
  let sorted = { col: 0, dir: 1 };
  function sortBy(col, th) {
    sorted = { col, dir: sorted.col === col ? -sorted.dir : 1 };
    const key = (tr) => { const s = tr.children[col].dataset.sort; return s === '' ? Infinity : Number(s); };
    rows.sort((a, b) => (key(a) - key(b)) * sorted.dir);
    table.tBodies[0].replaceChildren(...rows);
    for (const h of headRow.children) h.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', sorted.dir > 0 ? 'ascending' : 'descending');
  }

  // Leverage: figures computed from saved series, reported figures with their source, not found.
  const levBody = $('#events-leverage-table').tBodies[0];
  const levRows = [];
  // `mark`: {provenance, source, url} in the page's four kinds (computed, reported, not_found).
  const levRow = (e, metric, label, text, value, mark, where) => {
    const tr = document.createElement('tr');
    tr.dataset.event = e.id;
    const td = Object.assign(document.createElement('td'), { textContent: text });
    Object.assign(td.dataset, { event: e.id, metric, value: value ?? '', provenance: mark.provenance });
    const el = markFor(mark);
    if (mark.provenance === 'not_found') el.title = `looked for and not found: ${mark.source}`;
    td.append(el);
    const whereTd = document.createElement('td');
    whereTd.append(...where);
    tr.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: e.short_name }), Object.assign(document.createElement('td'), { textContent: label }), td, whereTd);
    levRows.push(tr);
  };
  const link = (text, href) => Object.assign(document.createElement('a'), { textContent: text, href, rel: 'noopener', target: '_blank' });
  for (const e of data.events) {
    const lev = e.leverage;
    for (const [key, span] of [['oi_day', 'the day'], ['oi_week', 'the week']]) {
      const c = lev[key];
      if (!c) continue;
      const src = `CoinGlass open interest (all exchanges) at the close of ${fmtDate(c.from)} and ${fmtDate(c.to)}; coins = dollars / Bitstamp close`;
      const mark = { provenance: 'computed', source: src };
      levRow(e, `${key.replace('oi_', 'oi_change_')}_usd`, `Open interest change over ${span}, dollars`, `${fmt('usd', c.usd)} (${fmt('pct', c.usd_pct * 100, 1)})`, c.usd, mark, [`Computed here: ${src}`]);
      levRow(e, `${key.replace('oi_', 'oi_change_')}_btc`, `Open interest change over ${span}, coins`, `${fmt('btc', c.coins)} (${fmt('pct', c.coins_pct * 100, 1)})`, c.coins, mark, [`Computed here: ${src}`]);
    }
    for (const r of lev.rows) {
      const metric = `lev_${r.figure}${r.figure === 'open_interest_close_usd' ? '_' + r.as_of.replaceAll('-', '') : ''}`;
      if (r.provenance === 'not_found') {
        levRow(e, metric, r.label, 'not found', null, { provenance: r.page_provenance, source: r.note }, [r.note]);
        continue;
      }
      const text = fmt(r.unit, r.value);
      const label = r.figure === 'open_interest_close_usd' ? `${r.label}, ${fmtDate(r.as_of)}` : r.label;
      const kind = r.provenance === 'data' ? 'From saved data: ' : 'Reported: ';
      levRow(e, metric, label, text, r.value, { provenance: r.page_provenance, source: r.source, url: r.url }, [kind, link(r.source, r.url), `, for ${fmtDate(r.as_of)}.${r.note ? ' ' + r.note + '.' : ''}`]);
    }
  }
  levBody.replaceChildren(...levRows);

  // Downloads, theme, size and print.
  section.addEventListener('click', (ev) => {
    const btn = ev.target.closest('[data-events-download]');
    if (!btn) return;
    if (btn.dataset.eventsDownload === 'svg') download('leverage-reset-events.svg', new Blob([panel.svg(Math.floor(canvas.clientWidth), dark())], { type: 'image/svg+xml' }));
    else download('leverage-reset-events.csv', new Blob([panel.csv()], { type: 'text/csv' }));
  });
  window.addEventListener('beforeprint', () => {
    const img = section.querySelector('.events-print-svg');
    img.src = URL.createObjectURL(new Blob([panel.svg(700, false)], { type: 'image/svg+xml' }));
  });
  new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  let lastWidth = 0;
  new ResizeObserver(() => {
    const w = canvas.parentElement.clientWidth;
    if (w !== lastWidth) { lastWidth = w; requestAnimationFrame(draw); }
  }).observe(canvas.parentElement);
  draw();
  summary();
  labelCells(section);
  section.dataset.state = 'ready';
  handle.events = panel;
  return panel;
}
