// Bootstrap: load the wasm core and the bundled data, fill the figures, size the canvases,
// wire the controls. No domain math here; the only drawing is the hover overlay (two divs).
import * as defaultGlue from './pkg/leverage_reset.js';

// Data files, relative to this module so the explainer also works inside other pages.
const PRICES = 'data/btcusd_bitstamp_daily.csv';
// The same files in the compact forms the default module reads (src/model/compact.rs).
const compactOf = (csv) => csv.replace(/\.csv$/, '.bin');
const FIGURES = 'data/story_figures.csv';
const HISTORY = 'data/btcusd_daily_closes_2020_2025.csv';
const here = (file) => new URL(file, import.meta.url).href;

// Two modules of the core (tools/build.sh): the default one, loaded with the page, and the full
// one (reading JSON, i.e. other exchanges' files and the story format, and the event study),
// loaded when a reader needs it (needFull). `glue` is the one in use: every explainer of the page
// is on it. The one-file build inlines the full one as the default.
let glue = defaultGlue;
const isFull = () => 'EventsPanel' in glue;

function compileWasm(bytes, file) {
  if (bytes) return WebAssembly.compile(bytes);
  return fetch(here(file)).then((res) => {
    if (!res.ok) throw new Error(`the wasm: HTTP ${res.status}`);
    return /^application\/wasm/.test(res.headers.get('Content-Type')) ? WebAssembly.compileStreaming(res) : res.arrayBuffer().then((b) => WebAssembly.compile(b));
  });
}

// The wasm, compiled once per page and instantiated from the compiled module by initSync, which
// (unlike the glue's async init) keeps no promise of its first instance: a renewal can free it.
// `bytes`: the one-file build's wasm. Every explainer of the page shares the instance.
let compiled = null;
let emptyBytes = 0; // an instance's memory before any data
async function instantiate(bytes) {
  compiled ??= compileWasm(bytes, 'pkg/leverage_reset_bg.wasm').catch((e) => { compiled = null; throw e; });
  const module = await compiled;
  // Already on the full module (an explainer mounted later): that instance serves it too.
  if (glue !== defaultGlue) return;
  glue.initSync({ module });
  emptyBytes ||= glue.memory_bytes();
}

// The full module, once per page: its glue and wasm are fetched, then every explainer rebuilds
// its core on the new instance from the inputs it keeps (as after renewIfLarge) and redraws.
// The default instance stays with its glue, unused. Rejects, and can be tried again, when the
// files cannot be fetched.
// The long history of closes (the full analysis's "largest fall since …") comes with it: its
// bytes, or null when it could not be fetched (the analysis then says less; see narrative.rs).
let full = null;
let fullTries = 0;
let fullHistory = null;
// Fetched once (a failed module fetch keeps it for the next try); a failure is tried again.
let historyFetch = null;
const historyBytes = () => (historyFetch ??= fetch(here(compactOf(HISTORY))).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
  .then((b) => new Uint8Array(b), (e) => { historyFetch = null; console.warn(`leverage-reset: history not loaded: ${e?.message ?? e}`); return null; }));
function needFull() {
  if (isFull()) return Promise.resolve();
  // A failed import may stay failed for its URL (the module map): a new try asks anew.
  full ??= Promise.all([fullTries++ ? import(`./pkg/full/leverage_reset.js?try=${fullTries}`) : import('./pkg/full/leverage_reset.js'), compileWasm(null, 'pkg/full/leverage_reset_bg.wasm'), historyBytes()]).then(([g, module, h]) => {
    fullHistory = h;
    const finish = [...explainers].map((e) => e.prepare());
    g.initSync({ module });
    glue = g;
    emptyBytes = glue.memory_bytes();
    // Each explainer on its own: one that fails to rebuild (its guard says so) leaves the others.
    for (const f of finish) {
      try { f(true, 'full'); } catch (e) { console.warn(`leverage-reset: an explainer on the full module: ${e?.message ?? e}`); }
    }
  }).catch((e) => {
    full = null;
    console.warn(`leverage-reset: the full module: ${e?.message ?? e}`);
    // A module that arrived but does not compile or link (a stale cache mixing two builds) is
    // not helped by trying again.
    throw new Error(e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError
      ? 'a part of the explainer failed to start (its files do not match; reloading the page may help)'
      : 'a part of the explainer could not be fetched from its server');
  });
  return full;
}

// Wasm memory grows and is never given back. After a load, when the instance holds far more than
// a new one would need for what the page's explainers now show (src/memory.rs, should_renew: a
// large file was replaced), a new instance of the compiled module replaces it (the glue's
// __wbg_reset_state, tools/build.sh) and each explainer rebuilds its core from the inputs it
// keeps; the old instance, referenced by nothing, is collected. Objects of the old instance throw.
const explainers = new Set();
function renewIfLarge(caller) {
  const inputBytes = [...explainers].reduce((n, e) => n + e.inputBytes(), 0);
  if (!glue.should_renew(glue.memory_bytes(), emptyBytes, inputBytes)) return false;
  const finish = [...explainers].map((e) => e.prepare());
  // Should it fail, the cores are rebuilt on the old instance (objects of the old id throw).
  try { glue.__wbg_reset_state(); } catch (e) { console.warn(`leverage-reset: no new wasm instance: ${e.message}`); }
  [...explainers].forEach((e, k) => finish[k](e !== caller));
  return true;
}

// One explainer: its own state, formatters, core and handlers. Each mount makes one, so several
// explainers (custom elements, or the page and an element) live on one document without
// sharing anything but the wasm module.
function createExplainer() {
  // The scenarios come from the core (app.scenario_list()): [id, label, short_label, origin, summary].
  let SCENARIOS = [];
  // Where the explainer lives: the document for the page, a shadow root for the custom element.
  // `root` carries data-state, data-theme and the palette's CSS properties. One explainer per page.
  let scope = document;
  let root = document.documentElement;
  const $ = (sel) => scope.querySelector(sel);
  // Numbers and dates in the reader's locale (options.locale overrides); currency stays USD. The
  // core sends values with their unit; every number a reader sees is formatted here by Intl.
  let locale = 'en-US';
  let usd0, usdBig, dateFmt, num0, pctDay;
  const numFmts = new Map();
  // Each date formatted once per locale (a switch formats the same few again).
  const datesShown = new Map();
  const numFmt = (opts) => {
    const key = JSON.stringify(opts);
    if (!numFmts.has(key)) numFmts.set(key, new Intl.NumberFormat(locale, opts));
    return numFmts.get(key);
  };
  function setLocale(tag) {
    locale = tag || navigator.language || 'en-US';
    try { new Intl.NumberFormat(locale); } catch { locale = 'en-US'; }
    numFmts.clear();
    datesShown.clear();
    usd0 = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
    usdBig = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 2 });
    dateFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    num0 = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    pctDay = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  }
  setLocale();

  const fmtDate = (iso) => {
    let s = datesShown.get(iso);
    if (s === undefined) { if (datesShown.size > 2000) datesShown.clear(); datesShown.set(iso, (s = dateFmt.format(new Date(iso + 'T00:00:00Z')))); }
    return s;
  };
  // The labels drawn inside the charts, in the current locale: the core calls this for each price,
  // percent, number or date it draws (App.set_label_format); null keeps its en-US label, which
  // the en-US reader gets, like the static SVGs.
  const dateFmts = new Map();
  // A right-to-left value (ar-EG) is isolated (FSI…PDI) so it stays one unit in the English label.
  const isolated = (s) => s != null && /[\u0590-\u08ff]/.test(s) ? `\u2068${s}\u2069` : s;
  function chartLabel(kind, v, digits) {
    return isolated(localLabel(kind, v, digits));
  }
  function localLabel(kind, v, digits) {
    if (locale === 'en-US') return null;
    const dates = { month: { month: 'short' }, day_month: { day: 'numeric', month: 'short' }, month_year: { month: 'short', year: 'numeric' } };
    if (dates[kind]) {
      const key = `${locale} ${kind}`;
      if (!dateFmts.has(key)) dateFmts.set(key, new Intl.DateTimeFormat(locale, { ...dates[kind], timeZone: 'UTC' }));
      return dateFmts.get(key).format(new Date(v + 'T00:00:00Z'));
    }
    switch (kind) {
      // Whole units, or two significant digits where that says more ($1.2 lakh, not $1 lakh).
      case 'usd_short': return numFmt({ style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 0, maximumSignificantDigits: 2, roundingPriority: 'morePrecision' }).format(v);
      case 'usd_full': return usd0.format(v);
      case 'pct_signed': return numFmt({ style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(v);
      case 'number': return numFmt({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
      case 'days_signed': return numFmt({ signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(v);
      default: return null;
    }
  }
  // One value in its unit (see model::text::Unit); `digits` fixes the decimals.
  function fmt(unit, v, digits) {
    const fixed = (d) => ({ minimumFractionDigits: digits ?? d, maximumFractionDigits: digits ?? d, signDisplay: 'negative' });
    switch (unit) {
      case 'usd': return Math.abs(v) >= 1e7 ? usdBig.format(v) : usd0.format(v);
      case 'pct': return numFmt({ style: 'percent', ...fixed(1) }).format(v / 100);
      case 'pct_per8h': return `${numFmt({ style: 'percent', ...fixed(4) }).format(v / 100)} per 8 hours`;
      case 'btc': return `${numFmt(fixed(0)).format(v)} BTC`;
      case 'index': return numFmt(fixed(1)).format(v);
      case 'ratio': return numFmt(fixed(2)).format(v);
      default: return numFmt(fixed(0)).format(v);
    }
  }
  // Both ends of a range; compact dollars that both show decimals at the same number
  // ("$652.10M to $801.14M", not "$652.1M to $801.14M"; "$2B to $2.5B" stays;
  // model::text::plain::usd_pair does the same natively).
  function fmtPair(unit, a, b, digits) {
    const decimals = (v) => usdBig.formatToParts(v).find((p) => p.type === 'fraction')?.value.length ?? 0;
    if (unit !== 'usd' || Math.abs(a) < 1e7 || Math.abs(b) < 1e7 || !decimals(a) || !decimals(b)) return [fmt(unit, a, digits), fmt(unit, b, digits)];
    const d = Math.max(decimals(a), decimals(b));
    const f = numFmt({ style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: d, maximumFractionDigits: d });
    return [f.format(a), f.format(b)];
  }
  // A figure of the view; `abs`: its magnitude (the words carry the direction).
  function fmtMetric(m, abs = false) {
    if (m.text != null) return m.unit === 'date' ? fmtDate(m.text) : m.text.replaceAll('_', ' ');
    const f = (v) => fmt(m.unit, abs ? Math.abs(v) : v, m.digits ?? undefined);
    if (m.value != null) return f(m.value);
    if (m.low != null) {
      const [a, b] = abs && Math.abs(m.low) > Math.abs(m.high) ? [m.high, m.low] : [m.low, m.high];
      const [x, y] = fmtPair(m.unit, abs ? Math.abs(a) : a, abs ? Math.abs(b) : b, m.digits ?? undefined);
      return `${x} to ${y}`;
    }
    return 'none';
  }
  const MARKS = { computed: 'C', article: 'A', reported: 'R', not_found: 'N' };
  const PROVENANCE_WORDS = {
    computed: 'computed here', article: 'stated by the article, not traced',
    reported: 'traced to a named source', not_found: 'stated by the article; origin looked for and not found',
  };
  // The mark after a figure, visible without hover: a letter; a link for a traced source.
  function markFor(m) {
    const title = m.source ? `${PROVENANCE_WORDS[m.provenance]}: ${m.source}` : PROVENANCE_WORDS[m.provenance];
    let el;
    if (m.provenance === 'reported' && m.url) {
      el = document.createElement('a');
      Object.assign(el, { href: m.url, target: '_blank', rel: 'noopener noreferrer' });
      el.setAttribute('aria-label', `source: ${m.source}`);
    } else {
      el = document.createElement('sup');
      el.setAttribute('aria-hidden', 'true');
    }
    el.className = `mark mark-${m.provenance}`;
    el.textContent = MARKS[m.provenance] ?? '?';
    el.title = title;
    return el;
  }
  // Text parts from the core as DOM nodes: words, figures (with their mark), values, dates.
  function textNodes(parts, metrics) {
    const out = [];
    for (const p of parts) {
      if (typeof p === 'string') { out.push(document.createTextNode(p)); continue; }
      if (p.f != null) {
        const m = metrics.get(p.f);
        if (!m) { out.push(document.createTextNode('…')); continue; }
        const span = document.createElement('span');
        span.dataset.metric = m.id;
        span.dataset.provenance = m.provenance;
        if (m.value != null) span.dataset.value = String(m.value);
        else if (m.text != null) span.dataset.value = m.text;
        else if (m.low != null) { span.dataset.low = String(m.low); span.dataset.high = String(m.high); }
        span.title = `${PROVENANCE_WORDS[m.provenance]}: ${m.source}`;
        span.textContent = fmtMetric(m, p.abs);
        out.push(span, markFor(m));
      } else if (p.v != null) {
        out.push(document.createTextNode(fmt(p.u, p.abs ? Math.abs(p.v) : p.v, p.d ?? undefined)));
        // A value or date with a provenance (a claim's reasons) carries its mark, as a figure does.
        if (p.p) out.push(markFor({ provenance: p.p }));
      } else if (p.date != null) {
        out.push(document.createTextNode(fmtDate(p.date)));
        if (p.p) out.push(markFor({ provenance: p.p }));
      }
    }
    return out;
  }
  // Puts `nodes` in place of el's children, keeping each child that is already the same (its
  // text stays laid out and shaped) and rewriting text nodes in place; a figure whose text or
  // attributes changed is replaced, so its change mark (style.css, .changed) starts anew.
  function patchChildren(el, nodes) {
    const old = el.childNodes;
    if (old.length !== nodes.length) { el.replaceChildren(...nodes); return; }
    const attrs = (e) => [...e.attributes].map((a) => `${a.name}=${a.name === 'class' ? a.value.replace(/ ?\bchanged\b/, '') : a.value}`).filter((a) => a !== 'class=').sort().join('\n');
    const same = (o, n) => o.nodeName === n.nodeName && o.textContent === n.textContent && attrs(o) === attrs(n);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const o = old[i], n = nodes[i];
      if (o.nodeType === Node.TEXT_NODE && n.nodeType === Node.TEXT_NODE) { if (o.data !== n.data) o.data = n.data; }
      else if (o.nodeType !== Node.ELEMENT_NODE || n.nodeType !== Node.ELEMENT_NODE || !same(o, n)) o.replaceWith(n);
    }
  }
  // Nodes' text as it is read aloud: without the provenance marks after their figures
  // ("$63,526", not "$63,526C").
  const spokenText = (nodes) => [...nodes].filter((n) => !n.classList?.contains('mark')).map((n) => n.textContent).join('');
  const textString = (parts, metrics) => spokenText(textNodes(parts, metrics ?? new Map()));

  function showError(message) {
    root.dataset.state = 'error';
    const el = $('#load-error');
    el.textContent = `The explainer could not load: ${message}`;
    el.hidden = false;
    for (const fig of scope.querySelectorAll('figure.chart, .controls')) fig.hidden = true;
  }

  // One of the explainer's own files; a failure is said in words naming the file (never the
  // browser's raw "Failed to fetch").
  async function fetchOk(url) {
    const name = url.split('/').pop();
    let res;
    try { res = await fetch(url); } catch {
      throw new Error(`its file ${name} could not be fetched (the server did not answer, or does not let this page read it); try reloading the page`);
    }
    if (!res.ok) throw new Error(`its file ${name} was ${res.status === 404 ? 'not found on the server' : 'refused by the server'} (HTTP ${res.status}); try reloading the page`);
    return res;
  }
  const fetchText = async (url) => (await fetchOk(url)).text();
  const fetchBytes = async (url) => new Uint8Array(await (await fetchOk(url)).arrayBuffer());
  // A core from the bundled inputs: prices and figures as bytes (their compact forms) or as CSV
  // text (the one-file build and options.data; the full module's). The same for the history.
  const newCore = (prices, figures) => typeof prices === 'string'
    ? new glue.App(prices, PRICES.split('/').pop(), figures, FIGURES.split('/').pop())
    : glue.App.from_compact(prices, PRICES.split('/').pop(), figures, FIGURES.split('/').pop());
  const loadHistory = (app, history) => typeof history === 'string'
    ? app.load_history(history, HISTORY.split('/').pop())
    : app.load_history_compact(history, HISTORY.split('/').pop());

  // A newsroom's own daily prices (options.dataUrl): http(s) only, with a time and size limit.
  // The bundled story stays on screen until the file has arrived and passed validation.
  const FETCH_TIMEOUT_MS = 10_000;
  const FETCH_MAX_BYTES = 5 * 1024 * 1024;
  // The address as readers may see it: credentials removed (user:pass@ never reaches the page).
  function shownUrl(u) {
    const c = new URL(u.href);
    c.username = '';
    c.password = '';
    return c.href;
  }
  // At most `n` characters of a message part, with an ellipsis (a bad 3 MB cell is not echoed).
  const capped = (text, n = 300) => (text.length > n ? `${text.slice(0, n)}…` : text);

  // Reads the body as a stream and stops at the limit (an endless response is not read to the end).
  async function readLimited(res, abort) {
    if (!res.body) return res.text();
    const reader = res.body.getReader();
    const chunks = [];
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > FETCH_MAX_BYTES) {
        abort.abort();
        throw new Error(`larger than ${FETCH_MAX_BYTES / 1024 / 1024} MB (stopped reading at the limit)`);
      }
      chunks.push(value);
    }
    const all = new Uint8Array(bytes);
    let at = 0;
    for (const c of chunks) { all.set(c, at); at += c.byteLength; }
    return new TextDecoder().decode(all);
  }

  async function fetchLimited(url) {
    let u;
    try { u = new URL(url, location.href); } catch { throw new Error('not an address'); }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('only http and https data URLs are allowed');
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; abort.abort(); }, FETCH_TIMEOUT_MS);
    const noAnswer = `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
    try {
      let res;
      // Credentials in the address are neither sent nor shown.
      const target = shownUrl(u);
      try { res = await fetch(target, { signal: abort.signal, credentials: 'omit' }); } catch (e) {
        throw new Error(timedOut ? noAnswer : `network or CORS failure (${capped(String(e.message).replaceAll(u.href, target))})`);
      }
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      if (+(res.headers.get('content-length') ?? 0) > FETCH_MAX_BYTES) throw new Error(`larger than ${FETCH_MAX_BYTES / 1024 / 1024} MB`);
      try {
        return { text: await readLimited(res, abort), name: shownUrl(u) };
      } catch (e) {
        throw new Error(timedOut ? noAnswer : e.message);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  // Loads each URL in turn; every success and failure is said, the last good data stays.
  async function loadOwnData(app, urls) {
    for (const url of urls) await loadOne(app, url);
  }

  const done = [];
  // This explainer in the page's list (renewIfLarge), from exposeApi.
  let me = null;
  async function loadOne(app, url) {
    const status = $('#data-status');
    status.hidden = false;
    let shown = capped(url, 200);
    try { shown = shownUrl(new URL(url, location.href)); } catch { /* not an address: said below */ }
    status.textContent = `Loading prices from ${shown}… (showing the bundled story meanwhile)`;
    try {
      const [{ text, name }] = await Promise.all([fetchLimited(url), needFull()]);
      const r = app.load_data(text, name);
      // Prices (or a story) replace the bars of the price files loaded just before: not read again.
      if (r.kind !== 'market') while (inputs.loaded.at(-1)?.[2] === 'prices') inputs.loaded.pop();
      inputs.loaded.push([text, name, r.kind]);
      // The core keeps the reference date when the new data has it, else goes back to the
      // article's framing: the reader is told, and the date field and hash follow.
      const hadRef = current.ref;
      current.ref = app.view().reference_date ?? '';
      const refNote = hadRef && hadRef !== current.ref ? ` The reference date ${fmtDate(hadRef)} is not in these data, so the reference is the article's framing again.` : '';
      report(true);
      renewIfLarge(me);
      render(app);
      offerDates(app);
      onWindowChange(app, 'all');
      drawCharts(app);
      const what = r.kind === 'market' ? 'figures from' : 'prices from';
      done.push(`Showing ${what} ${name}: detected as ${r.format}${r.kind === 'market' ? '' : `; ${r.days} days, ${fmtDate(r.first)} to ${fmtDate(r.last)}`}.${refNote}${r.warnings.length ? ` Note: ${r.warnings.join(' ')}` : ''}`);
      status.textContent = done.join(' ');
      status.dataset.loaded = 'true';
      return { ok: true, message: done[done.length - 1] };
    } catch (e) {
      // The core names the source first ("<address>, line 3, field 'low': …", or "<address>
      // (<format>): …" for a whole series); the address is said once, its format kept beside it.
      let message = String(e?.message ?? e);
      let lead = ': ';
      if (message.startsWith(shown)) {
        message = message.slice(shown.length);
        if (message.startsWith(' (')) lead = '';
        else message = message.replace(/^[:,]\s*/, '');
      }
      done.push(`Could not use ${shown}${lead}${capped(message)}. ${inputs.loaded.length ? 'The data loaded before stays.' : 'The bundled story is shown instead.'}`);
      status.textContent = done.join(' ');
      status.dataset.loaded = 'false';
      renewIfLarge(); // a large file refused still grew the memory
      return { ok: false, message: done[done.length - 1] };
    }
  }

  // A table cell: text, or nodes (from textNodes), with an optional class.
  function cell(tr, content, cls) {
    const td = document.createElement('td');
    // One child holds the value and its mark, so a card lays out heading and value side by side.
    const value = document.createElement('span');
    if (Array.isArray(content)) value.replaceChildren(...content);
    else value.textContent = content;
    td.append(value);
    if (cls) td.className = cls;
    tr.append(td);
    return td;
  }
  // Each data cell carries its column's heading (data-label): under about 480 px the tables are
  // shown as stacked cards, one card per row, each value after its heading (style.css).
  function labelCells(root = scope) {
    for (const table of root.querySelectorAll('table')) {
      const heads = [...(table.tHead?.rows[0]?.cells ?? [])].map((th) => th.textContent.trim());
      for (const row of table.tBodies[0]?.rows ?? []) {
        [...row.cells].forEach((c, k) => {
          if (heads[k] && c.dataset.label !== heads[k]) c.dataset.label = heads[k];
          // A cell of several parts (a mark, text, a link) held as one: in the stacked cards
          // (style.css) a cell is a grid of its heading and its value, one item each.
          if (c.childNodes.length > 1) { const value = document.createElement('span'); value.append(...c.childNodes); c.append(value); }
        });
      }
    }
  }

  function fillTable(id, rows) {
    const body = $(`#${id} tbody`);
    body.replaceChildren(...rows.map((cells) => {
      const tr = document.createElement('tr');
      for (const c of cells) (c && c.cls != null ? cell(tr, c.content, c.cls) : cell(tr, c));
      return tr;
    }));
    labelCells(body.parentElement.parentElement);
  }

  const flipsText = (flips) => {
    if (flips.length === 0) return 'none';
    const one = (f) => `${f.became} from ${fmtDate(f.date)} (${f.confirmed_on ? `confirmed ${fmtDate(f.confirmed_on)}` : 'not yet confirmed'})`;
    const last = flips[flips.length - 1];
    return flips.length > 1 ? `${one(last)}; ${flips.length} reversals, the first on ${fmtDate(flips[0].date)}` : one(last);
  };

  const VERDICTS = { holds: 'holds', does_not_hold_as_stated: 'does not hold as stated', not_supported: 'not supported by the data', cannot_check: 'cannot be checked with these data', depends_on_range: 'depends on where in the ranges' };
  const ROLE_WORDS = { support: 'support', resistance: 'resistance', inside: 'inside' };

  // Table text followed by its provenance mark (every figure carries one).
  const marked = (text, provenance, source) => [document.createTextNode(text), markFor({ provenance, source, url: null })];
  const COMPUTED = 'computed here from the data in use';

  function checkValue(c) {
    const one = (v) => c.unit === 'ratio' ? fmt('ratio', v) : fmt('pct', v * 100);
    return c.value.low === c.value.high ? one(c.value.low) : `${one(c.value.low)} to ${one(c.value.high)}`;
  }

  // Fills every paragraph and figure; the tables only when `what` is 'all' (a scenario switch
  // leaves them).
  // The key of each paragraph as last shown (see render).
  const shownText = new Map();
  // Counts what changes the charts' summaries besides the scenario (summaryText): a full
  // render (the data, the reference, the module, the locale) and a draw of the price chart (the
  // window, the size).
  let viewGen = 0;
  function render(app, what = 'all') {
    // A scenario switch needs only the figures and the paragraphs; the tables stay.
    // A switch: only the paragraphs the core says changed (and the figures they name).
    if (what === 'all') viewGen += 1;
    const view = what === 'all' ? app.view() : app.text_changes();
    const metrics = new Map(view.metrics.map((m) => [m.id, m]));
    for (const para of view.text) {
      // Only the paragraphs whose parts or figures changed are rebuilt (a switch changes a few).
      const key = `${locale}|${JSON.stringify(para.text)}|${para.text.filter((p) => p.f != null).map((p) => JSON.stringify(metrics.get(p.f) ?? null)).join('|')}`;
      if (shownText.get(para.id) === key) continue;
      shownText.set(para.id, key);
      for (const el of scope.querySelectorAll(`[data-text="${para.id}"]`)) patchChildren(el, textNodes(para.text, metrics));
    }
    refreshAlternatives(app);
    if (what !== 'all') return view;
    const w = $('#warnings');
    w.hidden = view.warnings.length === 0;
    w.textContent = view.warnings.join(' ');
    // The tables are the full analysis's: the default module's view has none (see needFull).
    if (!view.claims) return view;
    fillTable('regime-table', view.regime.flatMap((r) => r.checks.map((c) => [
      r.horizon === 'week' ? 'The crash weeks' : '5 Feb 2026', { content: textNodes(c.rule, metrics), cls: '' }, c.side,
      { content: c.value ? marked(`${c.status.replaceAll('_', ' ')} (${checkValue(c)})`, 'computed', COMPUTED) : c.status.replaceAll('_', ' '), cls: `status-${c.status}` },
    ])));
    fillTable('sensitivity-table', view.leverage.sensitivity.map((w) => {
      const c = w.coin_open_interest_change;
      const btc = (r) => r.low === r.high ? fmt('btc', r.low) : `${fmt('btc', r.low)} to ${fmt('btc', r.high)}`;
      return [
        `${fmtDate(w.window.start)} → ${fmtDate(w.window.end)}`, { content: marked(fmt('pct', w.price_change * 100), 'computed', COMPUTED), cls: '' },
        { content: marked(`${btc(w.open_interest_before_btc)} → ${btc(w.open_interest_after_btc)}`, 'computed', 'open interest in dollars / close at each end of the week'), cls: '' },
        { content: marked(c.low === c.high ? fmt('pct', c.low * 100) : `${fmt('pct', c.low * 100)} to ${fmt('pct', c.high * 100)}`, 'computed', '(OI₁/OI₀)/(P₁/P₀) − 1'), cls: c.high < 0 ? 'status-met' : c.low > 0 ? 'status-not_met' : '' },
      ];
    }));
    const history = Object.fromEntries(view.level_history.map((h) => [h.id, h]));
    fillTable('levels-table', view.levels.map((l) => [
      { content: marked(l.label, l.provenance, l.provenance === 'computed' ? COMPUTED : 'the article'), cls: '' },
      l.tier === 'all_time_high' ? 'highest high' : l.tier.replaceAll('_', ' '), { content: ROLE_WORDS[l.role], cls: `role-${l.role}` },
      { content: marked(fmt('pct', l.distance_pct), 'computed', 'level / reference − 1'), cls: '' }, { content: marked(flipsText(history[l.id]?.flips ?? []), 'computed', 'read from the daily prices in use'), cls: '' },
    ]));
    const atRef = view.reference_date != null;
    for (const th of scope.querySelectorAll('#claims-table .at-reference')) th.hidden = !atRef;
    fillTable('claims-table', view.claims.map((c) => {
      const row = [
        { content: textNodes(c.claim, metrics), cls: '' }, { content: marked(fmtMetric(c.computed), c.computed.provenance, c.computed.source), cls: '' },
        { content: VERDICTS[c.verdict], cls: `verdict-${c.verdict}` }, { content: textNodes(c.reason, metrics), cls: '' },
      ];
      if (atRef) {
        const a = c.at_reference;
        row.push({ content: a ? [document.createTextNode(a.verdict ? `${VERDICTS[a.verdict]}: ` : ''), ...textNodes(a.reason, metrics)] : 'same as at the article\'s moment', cls: a?.verdict ? `verdict-${a.verdict}` : '' });
      }
      return row;
    }));
    fillTable('next-table', (view.aftermath?.levels ?? []).map((l) => [
      l.label, { content: marked(l.first_touched ? fmtDate(l.first_touched) : 'not reached', 'computed', COMPUTED), cls: '' },
      { content: marked(l.first_close_through ? fmtDate(l.first_close_through) : 'no', 'computed', COMPUTED), cls: '' }, { content: marked(flipsText(l.flips), 'computed', 'read from the daily prices in use'), cls: '' },
    ]));
    fillTable('figures-table', view.figures.filter((f) => f.value || f.id === 'miners_selling').map((f) => {
      const digits = f.digits ?? undefined;
      const value = f.value ? (f.value.low === f.value.high ? fmt(f.unit, f.value.low, digits) : `${fmt(f.unit, f.value.low, digits)} to ${fmt(f.unit, f.value.high, digits)}`) : '(no figure)';
      const src = [document.createTextNode(`${f.citation}${f.as_of ? `, published ${fmtDate(f.as_of)}` : ''}. `)];
      if (f.url) { const a = document.createElement('a'); Object.assign(a, { href: f.url, target: '_blank', rel: 'noopener noreferrer', textContent: 'Link' }); src.push(a, document.createTextNode('. ')); }
      if (f.note) src.push(document.createTextNode(f.note));
      return [f.label, value, { content: [markFor({ provenance: f.provenance, source: f.citation, url: f.url }), document.createTextNode(` ${PROVENANCE_WORDS[f.provenance]}`)], cls: `prov-${f.provenance}` }, { content: src, cls: '' }];
    }));
    return view;
  }

  // Canvas sizing: backing store = CSS size × devicePixelRatio, so lines stay crisp at any
  // ratio (fractional, below 1). Heights come from the core (one place for layout).
  const CHARTS = [['price', '#price-chart'], ['open-interest', '#oi-chart'], ['ladder', '#ladder-chart']];
  const stats = { hoverMs: [], redrawMs: [] };
  // Hooks for tests and host pages: the page's is window.leverageReset; an element's, its `leverageReset`.
  const handle = { stats };

  function sizeCanvas(app, id, canvas) {
    const ratio = window.devicePixelRatio || 1;
    const cssWidth = Math.max(280, Math.floor(canvas.parentElement.clientWidth));
    const cssHeight = app.chart_height(id, cssWidth);
    canvas.style.width = cssWidth + 'px';
    canvas.style.height = cssHeight + 'px';
    const w = Math.round(cssWidth * ratio);
    const h = Math.round(cssHeight * ratio);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    return ratio;
  }

  const stale = new Set();
  let priceDraws = 0; // draws of the price chart so far (a hover placed before one is stale)
  const drawStale = (app) => { if (stale.size) drawCharts(app, [...stale]); };
  function drawCharts(app, which = ['price', 'open-interest', 'ladder']) {
    const t0 = performance.now();
    for (const [id, sel] of CHARTS) {
      if (!which.includes(id)) continue;
      const canvas = $(sel);
      // A chart in a closed section is drawn when it opens (drawStale); the two charts of the
      // full analysis, when its module is in use (needFull redraws).
      if (!inShownSection(canvas) || !canvas.getClientRects().length || !onModule(id)) { stale.add(id); continue; }
      stale.delete(id);
      const ratio = sizeCanvas(app, id, canvas);
      if (id !== 'price') app.draw(id, canvas, ratio);
      else {
        app.draw(id, sizedLike(priceBase, canvas), ratio);
        // The live chart replaces the static first frame (index.html's #price-first).
        if (!priceDraws) $('#price-first')?.remove();
        priceDraws += 1;
        viewGen += 1;
        drawScenarioLayer(app);
        // Plot area and window, for tests and host pages that want to point at a day.
        const [left, top, right, bottom] = app.price_plot_area_css();
        const [first, last] = app.window();
        Object.assign(canvas.dataset, { plotLeft: left, plotTop: top, plotRight: right, plotBottom: bottom, firstBar: first, lastBar: last });
      }
    }
    stats.redrawMs.push(performance.now() - t0);
  }

  // The price chart: its base (drawCharts) and scenario layer (the target, all a switch redraws;
  // the core keeps a canvas per target) drawn off the document, where fonts need no page style,
  // and copied onto the one on screen.
  const priceBase = document.createElement('canvas');
  // `off` with the device-px size of `canvas` (a resize clears it; the same size keeps it).
  const sizedLike = (off, canvas) => {
    if (off.width !== canvas.width) off.width = canvas.width;
    if (off.height !== canvas.height) off.height = canvas.height;
    return off;
  };
  function drawScenarioLayer(app) {
    const chart = $('#price-chart');
    if (!chart || stale.has('price') || !priceBase.width) return;
    app.draw_price_scenario(chart, priceBase);
  }

  function announce(text) {
    const el = $('#announcer');
    el.textContent = '';
    requestAnimationFrame(() => { el.textContent = text; });
  }

  function wirePriceChart(app) {
    const canvas = $('#price-chart');
    const tip = $('#price-tooltip');
    const line = $('#crosshair');
    const selection = $('#zoom-selection');
    let idx = null;
    let area = null;
    let areaAt = -1;
    const hide = () => { tip.hidden = true; line.hidden = true; };
    const describe = (h) => {
      const where = h.inside ? `inside ${h.inside}` :
        `support ${h.support_usd != null ? usd0.format(h.support_usd) : 'none'}, resistance ${h.resistance_usd != null ? usd0.format(h.resistance_usd) : 'none'}`;
      const change = h.change_pct != null ? pctDay.format(h.change_pct / 100) : null;
      return `${fmtDate(h.date)} (UTC)${h.partial ? ', partial day' : ''}` +
        // One price a day (CoinGecko's) is one reading, not four prices of a candle.
        (h.one_reading ? ` · reading ${num0.format(h.close_usd)}` : ` · O ${num0.format(h.open_usd)} H ${num0.format(h.high_usd)} L ${num0.format(h.low_usd)} ${h.partial ? 'last' : 'C'} ${num0.format(h.close_usd)}`) +
        (change != null ? ` · ${change} on the day` : '') + (h.volume_btc != null ? ` · volume ${num0.format(h.volume_btc)} BTC` : '') + ` · ${where}`;
    };
    // The overlay only: two positioned elements, never a chart repaint.
    // Writes a style property only when it changes (each write invalidates the element's style).
    const put = (el, prop, value) => { if (el.style[prop] !== value) el.style[prop] = value; };
    const show = (h) => {
      if (!h) return hide();
      const t0 = performance.now();
      // The plot area of the chart as last drawn.
      if (areaAt !== priceDraws) { area = app.price_plot_area_css(); areaAt = priceDraws; }
      idx = h.bar_idx;
      line.hidden = false;
      put(line, 'transform', `translateX(${h.x_px}px)`);
      put(line, 'top', area[1] + 'px');
      put(line, 'height', (area[3] - area[1]) + 'px');
      if (tip.dataset.date !== h.date || tip.hidden) {
        tip.dataset.date = h.date;
        // The same text node, rewritten (no node made and laid out anew).
        if (tip.firstChild?.nodeType === Node.TEXT_NODE && !tip.firstChild.nextSibling) tip.firstChild.data = describe(h);
        else tip.textContent = describe(h);
      }
      tip.hidden = false;
      // The canvas' CSS width, as sizeCanvas set it (no layout read).
      const width = parseFloat(canvas.style.width) || canvas.clientWidth;
      const tipWidth = Math.min(280, width - 16);
      put(tip, 'maxWidth', tipWidth + 'px');
      put(tip, 'left', Math.max(8, Math.min(h.x_px + 12, width - tipWidth - 8)) + 'px');
      put(tip, 'top', '');
      if (finger.type === 'touch' || finger.type === 'pen') awayFromFinger(tip, canvas, h.x_px, area);
      stats.hoverMs.push(performance.now() - t0);
      return h;
    };
    const xOf = (ev) => ev.clientX - canvas.getBoundingClientRect().left;
    // The kind of pointer that asked last: a finger gets its tooltip placed away from it.
    const finger = { type: 'mouse' };
    canvas.addEventListener('pointerdown', (ev) => { finger.type = ev.pointerType; }, { capture: true });
    canvas.addEventListener('keydown', () => { finger.type = 'keyboard'; }, { capture: true });
    // At once (the browser delivers pointer moves once a frame); nothing to do while the
    // pointer stays on the same bar.
    let shownAt = -1; // the price chart's draw the tooltip was placed on
    const inspectAt = (x) => {
      const bar = app.price_bar_at(x);
      if (bar != null && bar === idx && shownAt === priceDraws && !line.hidden && !tip.hidden) return;
      shownAt = priceDraws;
      show(app.hover_price(x));
    };

    // Mouse: hover inspects, drag zooms. Touch and pen: a tap or a sideways drag inspects;
    // vertical swipes scroll the page (touch-action: pan-y in the CSS).
    let dragStart = null;
    canvas.addEventListener('pointerdown', (ev) => {
      if (ev.pointerType === 'mouse' && ev.button === 0) { dragStart = xOf(ev); canvas.setPointerCapture(ev.pointerId); }
      else inspectAt(xOf(ev));
    });
    canvas.addEventListener('pointermove', (ev) => {
      finger.type = ev.pointerType;
      const x = xOf(ev);
      if (dragStart != null && Math.abs(x - dragStart) > 4) {
        selection.hidden = false;
        selection.style.left = Math.min(x, dragStart) + 'px';
        selection.style.width = Math.abs(x - dragStart) + 'px';
      }
      inspectAt(x);
    });
    canvas.addEventListener('pointerup', (ev) => {
      if (dragStart == null) return;
      const x = xOf(ev);
      selection.hidden = true;
      if (Math.abs(x - dragStart) > 8) {
        const a = app.price_bar_at(Math.min(x, dragStart));
        const b = app.price_bar_at(Math.max(x, dragStart));
        if (a != null && b != null) { app.set_window(a, b); onWindowChange(app, null); }
      }
      dragStart = null;
    });
    canvas.addEventListener('pointercancel', () => { dragStart = null; selection.hidden = true; });
    canvas.addEventListener('pointerleave', (ev) => { if (ev.pointerType === 'mouse' && dragStart == null) hide(); });

    // Keyboard: ←/→ a day, Shift a week, Home/End the ends, Enter a summary; announced politely.
    canvas.addEventListener('keydown', (ev) => {
      const [first, last] = app.window();
      const step = { ArrowLeft: -1, ArrowRight: 1 }[ev.key];
      if (ev.key === 'Enter') { ev.preventDefault(); announce(textString(app.chart_summary('price'))); return; }
      if (step == null && ev.key !== 'Home' && ev.key !== 'End') return;
      ev.preventDefault();
      if (ev.key === 'Home') idx = first;
      else if (ev.key === 'End') idx = last;
      else idx = Math.max(first, Math.min(last, (idx ?? last + (step > 0 ? 0 : 1)) + step * (ev.shiftKey ? 7 : 1)));
      const h = show(app.hover_bar(idx));
      if (h) announce(describe(h));
    });
    canvas.addEventListener('blur', hide);
  }

  // A tooltip shown for a finger: beside the tapped candle's column with a finger's width of gap
  // when it fits, at the top of the plot; otherwise above the chart, where neither the finger
  // nor the hand holding the phone (below the finger) covers it, and off the candle.
  function awayFromFinger(tip, canvas, x, area) {
    const GAP = 32;
    const width = canvas.clientWidth;
    tip.style.maxWidth = Math.min(220, width - 16) + 'px';
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    if (x + GAP + w <= width - 4) Object.assign(tip.style, { left: `${x + GAP}px`, top: `${area[1]}px` });
    else if (x - GAP - w >= 4) Object.assign(tip.style, { left: `${x - GAP - w}px`, top: `${area[1]}px` });
    else Object.assign(tip.style, { left: `${Math.max(4, Math.min(x - w / 2, width - w - 4))}px`, top: `${-h - 6}px` });
  }

  // Keyboard reading of the two small charts: ←/→ step through their columns.
  function wireColumnChart(app, id, sel, items) {
    const canvas = $(sel);
    let k = -1;
    canvas.addEventListener('keydown', (ev) => {
      if (!onModule(id)) return;
      if (ev.key === 'Enter') { ev.preventDefault(); announce(textString(app.chart_summary(id))); return; }
      const step = { ArrowLeft: -1, ArrowRight: 1 }[ev.key];
      if (step == null) return;
      ev.preventDefault();
      const list = items(app.view());
      k = Math.max(0, Math.min(list.length - 1, k + step));
      announce(list[k]);
    });
  }

  const rangeText = (unit, r) => r.low === r.high ? fmt(unit, r.low) : fmtPair(unit, r.low, r.high).join(' to ');
  const PROVENANCE_SHORT = { computed: 'computed here', article: 'the article', reported: 'a named source', not_found: 'the article, origin not found' };

  // Generated summaries under each chart, and the data tables of the open <details>.
  // Whether an element's section is shown in the current layout (attributes only: no style or
  // layout read).
  const inShownSection = (el) => {
    const sec = el.closest('main > section');
    return !sec || (!sec.hidden && (sec.id === 'answer' || $('#explainer').dataset.layout !== 'compact'));
  };
  // A chart's summary in words, asked of the core once per state: a switch back to a scenario
  // reuses it. `viewGen` counts what else changes them (see its declaration).
  const summaries = new Map();
  function summaryText(app, id) {
    const key = `${id}|${viewGen}|${current.scenario}|${current.ref}|${locale}`;
    let text = summaries.get(key);
    if (text === undefined) {
      if (summaries.size > 60) summaries.clear();
      summaries.set(key, (text = textString(app.chart_summary(id))));
    }
    return text;
  }
  // The charts' summaries; those in closed sections when they open (setLayout).
  function refreshAlternatives(app) {
    for (const p of scope.querySelectorAll('[data-summary]')) {
      if (!inShownSection(p) || !onModule(p.dataset.summary)) continue;
      const text = `In short: ${summaryText(app, p.dataset.summary)}`;
      if (p.textContent !== text) p.textContent = text;
    }
    for (const d of scope.querySelectorAll('details.data-table[open]')) if (onModule(d.dataset.chart)) fillDataTable(app, d);
  }

  // A data table's cell in the reader's locale: the core sends plain values (ISO dates, numbers
  // with a point, true/false), as the CSV download keeps them for machines.
  function readable(c) {
    const text = String(c);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return fmtDate(text);
    if (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text)) return numFmt({ maximumFractionDigits: 2 }).format(+text);
    if (text === 'true' || text === 'false') return text === 'true' ? 'yes' : 'no';
    return text;
  }

  function fillDataTable(app, details) {
    const t = app.chart_table(details.dataset.chart);
    const table = details.querySelector('table');
    const caption = document.createElement('caption');
    caption.textContent = t.notes.map((n) => textString(n)).join('; ');
    const head = document.createElement('tr');
    for (const c of t.columns) { const th = document.createElement('th'); th.scope = 'col'; th.textContent = c; head.append(th); }
    const body = document.createElement('tbody');
    body.append(...t.rows.map((r) => { const tr = document.createElement('tr'); for (const c of r) cell(tr, readable(c)); return tr; }));
    const thead = document.createElement('thead');
    thead.append(head);
    table.replaceChildren(caption, thead, body);
    labelCells(details);
  }

  function onWindowChange(app, preset, redraw = true) {
    for (const b of scope.querySelectorAll('[data-range]')) b.setAttribute('aria-pressed', String(b.dataset.range === preset));
    const [a, b] = app.window_dates();
    $('#range-label').textContent = `${fmtDate(a)} to ${fmtDate(b)}`;
    if (!redraw) return;
    drawCharts(app, ['price']);
    refreshAlternatives(app);
  }

  function download(name, blob) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  function wireDownloads(app) {
    scope.addEventListener('click', (ev) => {
      const btn = ev.target.closest('[data-download]');
      if (!btn) return;
      const id = btn.dataset.chart;
      const kind = btn.dataset.download;
      const stem = `leverage-reset-${id}`;
      const width = Math.max(280, Math.floor(scope.querySelector(`[data-chart="${id}"]`).parentElement.clientWidth));
      const write = () => {
        if (kind === 'csv') download(`${stem}.csv`, new Blob([app.chart_csv(id)], { type: 'text/csv' }));
        else if (kind === 'svg') download(`${stem}.svg`, new Blob([app.chart_svg(id, width)], { type: 'image/svg+xml' }));
        // Two device pixels per CSS pixel, whatever the screen.
        else exportCanvas(app, id, width, 2).toBlob((blob) => download(`${stem}.png`, blob), 'image/png');
      };
      if (kind === 'png' && onModule(id)) { write(); return; }
      // The CSV and SVG writers (and the full analysis's charts) are the full module's, fetched
      // at the first such download.
      btn.setAttribute('aria-busy', 'true');
      // A failure is said beside the buttons (and announced); the next click tries again.
      const note = noteIn(btn.parentElement, 'hint download-error');
      note.textContent = '';
      needFull().then(write, (e) => {
        note.textContent = `The ${kind.toUpperCase()} download failed: ${e.message}; try again.`;
        announce(note.textContent);
      }).finally(() => btn.removeAttribute('aria-busy'));
    });
  }

  // A chart as exported (with its source line) on a canvas off the document, `ratio` device px
  // per CSS px.
  function exportCanvas(app, id, width, ratio) {
    const canvas = document.createElement('canvas');
    canvas.width = width * ratio;
    canvas.height = app.export_height(id, width) * ratio;
    app.draw_export(id, canvas, ratio);
    return canvas;
  }

  // Print: the current charts in place of the canvases, as SVG once the full module is in use
  // (it has the SVG writer), else as PNG at 3 device px per CSS px (printing waits for nothing).
  function wirePrint(app) {
    window.addEventListener('beforeprint', () => {
      for (const img of scope.querySelectorAll('.print-svg')) {
        // Only what is shown prints (the compact layout: the price chart).
        const id = img.previousElementSibling?.dataset.chart ?? img.parentElement.querySelector('canvas').dataset.chart;
        if (!inShownSection(img) || !onModule(id)) continue;
        if (typeof app.chart_svg === 'function') { img.src = URL.createObjectURL(new Blob([app.chart_svg(id, 700)], { type: 'image/svg+xml' })); continue; }
        img.src = exportCanvas(app, id, 700, 3).toDataURL('image/png');
      }
    });
  }

  function applyTheme(app, dark) {
    inputs.dark = dark;
    app.set_dark(dark);
    for (const [name, value] of app.palette_css_vars()) root.style.setProperty(name, value);
    root.dataset.theme = dark ? 'dark' : 'light';
  }

  // ---- Fitting the host: theme=inherit, the --leverage-reset-* colours, forced colours. -------
  // The theme: 'auto' | 'light' | 'dark' | 'inherit' (the host's font, no background; the
  // palette follows the host's background where it can be seen, i.e. in a custom element).
  let themeMode = 'auto';
  const darkQuery = matchMedia('(prefers-color-scheme: dark)');
  const forcedQuery = matchMedia('(forced-colors: active)');
  // The palette names a host may set as --leverage-reset-<name> (src/chart/style.rs, with_color).
  const PALETTE_NAMES = ['bg', 'text', 'muted', 'rule', 'up', 'down', 'support', 'resistance', 'floor', 'target'];
  // Forced colours (Windows High Contrast): the charts take the reader's system colours.
  const FORCED = { bg: 'Canvas', text: 'CanvasText', muted: 'CanvasText', rule: 'GrayText', up: 'LinkText', down: 'CanvasText',
    support: 'LinkText', resistance: 'CanvasText', floor: 'GrayText', target: 'Highlight' };
  // Any CSS colour (a system colour, a custom property's value) as [r, g, b, a] bytes, or null:
  // resolved by the browser on an element of the explainer, then read back from a 1×1 canvas.
  let probeCanvas = null;
  function rgbOf(color) {
    const el = document.createElement('span');
    el.style.color = color;
    if (!el.style.color) return null;
    el.hidden = true;
    ($('#explainer') ?? document.body).append(el);
    const computed = getComputedStyle(el).color;
    el.remove();
    probeCanvas ??= document.createElement('canvas');
    probeCanvas.width = probeCanvas.height = 1;
    const ctx = probeCanvas.getContext('2d', { willReadFrequently: true });
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = computed;
    ctx.fillRect(0, 0, 1, 1);
    return [...ctx.getImageData(0, 0, 1, 1).data];
  }
  const isDarkColor = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  // The first painted background behind the element, through shadow roots; null when none is
  // (an iframe cannot see the article behind it).
  function hostBackground() {
    let el = host ? (host.parentElement ?? host.getRootNode()?.host ?? null) : null;
    while (el) {
      const c = rgbOf(getComputedStyle(el).backgroundColor);
      if (c && c[3] > 0) return c;
      el = el.parentElement ?? el.getRootNode()?.host ?? null;
    }
    return null;
  }
  function applyLook(app) {
    const inherit = themeMode === 'inherit';
    const forced = forcedQuery.matches;
    const behind = inherit ? hostBackground() : null;
    const dark = forced ? isDarkColor(rgbOf('Canvas') ?? [255, 255, 255]) : inherit ? (behind ? isDarkColor(behind) : false)
      : themeMode === 'dark' || (themeMode !== 'light' && darkQuery.matches);
    inputs.transparent = inherit;
    inputs.colors = [];
    const cs = getComputedStyle(root);
    for (const name of PALETTE_NAMES) {
      const value = forced ? FORCED[name] : cs.getPropertyValue(`--leverage-reset-${name}`).trim();
      const c = value ? rgbOf(value) : null;
      if (c && c[3] > 0) inputs.colors.push([name, c[0], c[1], c[2]]);
    }
    replayLook(app);
    if (inherit) root.dataset.fit = 'inherit';
    else delete root.dataset.fit;
    handle.events?.set_transparent(inherit);
    applyTheme(app, dark);
  }
  // The host's look on a core (also after a rebuild): background and colours.
  function replayLook(a) {
    a.set_transparent(inputs.transparent);
    a.clear_colors();
    for (const [name, r, g, b] of inputs.colors) a.set_color(name, r, g, b);
  }

  // The reader's state: the scenario and the reference date ('' = the article's framing). It lives
  // in the URL hash on the page and in an iframe (back/forward work), and is reported to the host
  // as a `leverage-reset:state` event (custom element) or message (iframe).
  const current = { scenario: 'recovery', ref: '' };
  let host = null;
  let useHash = false;

  function parseHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    return { scenario: p.get('scenario'), ref: p.get('ref') ?? '' };
  }

  // The hash is written once the reader settles: HASH_SETTLE_MS after the last switch (a history
  // entry costs 2-4 ms of the main thread), so a run of quick switches makes one entry, with the
  // last state, and back returns to where the reader paused. When the page is left before
  // that (pagehide), the state replaces the current entry, so returning to the page restores it.
  const HASH_SETTLE_MS = 400;
  let hashTimer = null;
  function writeHash(replace) {
    clearTimeout(hashTimer);
    hashTimer = null;
    const hash = `#scenario=${current.scenario}${current.ref ? `&ref=${current.ref}` : ''}`;
    if (location.hash === hash) return;
    // Inside an iframe the article's history is left alone: the state replaces the entry.
    // pushState, not location.hash: no hashchange and no scroll to the fragment (back and
    // forward still fire hashchange, which followHash reads).
    if (replace || window.parent !== window) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
  }
  // A reload chooses its address before pagehide: the state not yet written is kept for this tab
  // (sessionStorage) with the hash it replaces, and a reload of that address puts it back
  // (restorePendingHash, before the hash is read).
  const PENDING_HASH = 'leverage-reset:pending-hash';
  const pageAddress = () => location.pathname + location.search;
  function writeHashOnLeave() {
    const from = location.hash;
    writeHash(true);
    try { sessionStorage.setItem(PENDING_HASH, JSON.stringify({ at: pageAddress(), from, to: location.hash })); } catch { /* no storage: only a reload loses it */ }
  }
  function restorePendingHash() {
    try {
      const p = JSON.parse(sessionStorage.getItem(PENDING_HASH) ?? 'null');
      sessionStorage.removeItem(PENDING_HASH);
      const reload = performance.getEntriesByType('navigation')[0]?.type === 'reload';
      if (p && reload && p.at === pageAddress() && p.from === location.hash && /^#scenario=/.test(p.to)) history.replaceState(null, '', p.to);
    } catch { /* no storage */ }
  }
  function report(push) {
    const radio = $(`[data-scenario="${current.scenario}"]`);
    if (radio) radio.checked = true;
    $('#reference-date').value = current.ref;
    if (useHash && push) {
      if (hashTimer == null) window.addEventListener('pagehide', writeHashOnLeave, { once: true });
      clearTimeout(hashTimer);
      hashTimer = setTimeout(() => { window.removeEventListener('pagehide', writeHashOnLeave); writeHash(false); }, HASH_SETTLE_MS);
    }
    const detail = { scenario: current.scenario, reference_date: current.ref || null };
    host?.dispatchEvent(new CustomEvent('leverage-reset:state', { detail, bubbles: true, composed: true }));
    if (window.parent !== window) window.parent.postMessage({ type: 'leverage-reset:state', ...detail }, '*');
  }

  // Applies a state; throws (with the core's message) on a bad scenario or date, keeping the old one.
  function applyState(app, next) {
    const scenario = next.scenario ?? current.scenario;
    const ref = next.ref ?? current.ref;
    if (ref !== current.ref) { app.set_reference_date(ref); current.ref = ref; }
    if (scenario !== current.scenario) { app.set_scenario(scenario); current.scenario = scenario; }
  }

  // Marks, briefly, the figures of the answer whose text a switch changed (the paragraphs are
  // rebuilt, so figures are matched by id and position).
  function markChanged(before) {
    const old = new Map();
    for (const [el, text] of before) { const k = el.dataset.metric; old.set(k, [...(old.get(k) ?? []), text]); }
    const seen = new Map();
    for (const el of scope.querySelectorAll('#answer [data-metric]')) {
      const k = el.dataset.metric;
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      // A figure kept by the patch loses an earlier switch's mark (a changed one is a new node).
      el.classList.toggle('changed', old.get(k)?.[n] !== el.textContent);
    }
  }

  // The full analysis (its paragraphs, tables and two more charts) is the full module's: `then`
  // once it is in use. A failure is said beside the toggle, announced, with a button to try again.
  // A page opened in another layout falls back to the compact one, which the default module
  // shows in full, rather than show the analysis without its figures.
  function openAnalysis(app, then) {
    const toggle = $('#layout-toggle');
    const note = noteIn(toggle.parentElement, 'layout-error');
    // "Try again" goes away with the note: the focus it had stays on the toggle.
    if (note.contains(scope.activeElement ?? document.activeElement)) toggle.focus();
    note.replaceChildren();
    toggle.setAttribute('aria-busy', 'true');
    return needFull().then(then, (e) => {
      if ($('#explainer').dataset.layout !== 'compact') keepInView(toggle, () => setLayout(app, 'compact'));
      const said = `The full analysis could not load: ${e.message}.`;
      const again = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Try again' });
      again.addEventListener('click', () => openAnalysis(app, then));
      note.replaceChildren(`${said} `, again);
      announce(said);
    }).finally(() => toggle.removeAttribute('aria-busy'));
  }

  // The note of a failure in `parent` (made at the first): a span of `className` (its last class
  // finds it).
  function noteIn(parent, className) {
    return parent.querySelector(`.${className.split(' ').pop()}`) ?? parent.appendChild(Object.assign(document.createElement('span'), { className }));
  }

  // Runs `change` (a layout change above `el`) with `el` kept where the reader sees it: the
  // page scrolls by what moved it (the sections that open or close above the toggle).
  function keepInView(el, change) {
    const before = el.getBoundingClientRect().top;
    change();
    const moved = el.getBoundingClientRect().top - before;
    if (moved && el.getClientRects().length) window.scrollBy(0, moved);
  }

  // Layouts (see style.css): compact shows the answer only; full, every section; a list of
  // sections, the answer and those. The toggle opens or closes the full analysis in place.
  function setLayout(app, layout, sections) {
    const main = $('#explainer');
    // Marks of earlier switches in parts that were not shown would play when they appear.
    for (const el of scope.querySelectorAll('[data-metric].changed')) el.classList.remove('changed');
    main.dataset.layout = layout === 'compact' ? 'compact' : 'full';
    const keep = layout === 'sections' && sections ? new Set(['answer', ...sections]) : null;
    for (const sec of scope.querySelectorAll('main > section')) sec.hidden = keep ? !keep.has(sec.id) : false;
    const toggle = $('#layout-toggle');
    const open = layout !== 'compact';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Show less' : 'Read the full analysis';
    toggle.nextElementSibling.hidden = open;
    if (app) { drawStale(app); refreshAlternatives(app); }
  }

  // `view`: the view just rendered (handing the whole view across is the costly part).
  // The date field offers the days of the data in use (the bundled file's, or a loaded one's).
  function offerDates(app) {
    const [first, last] = app.date_span();
    Object.assign($('#reference-date'), { min: first, max: last });
  }

  function wireControls(app, view = app.view()) {
    const box = $('.scenario-options');
    SCENARIOS = app.scenario_list();
    // Where each scenario goes, in a word and a compact price ("to $89K", "stays $55K–$75K").
    const compactUsd = numFmt({ style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 2 });
    const goes = new Map(view.scenarios.map((sc) => {
      const t = sc.target_usd;
      const price = t.low === t.high ? compactUsd.format(t.low) : `${compactUsd.format(t.low)}–${compactUsd.format(t.high)}`;
      return [sc.id, `${sc.contains_reference ? 'stays' : 'to'} ${price}`];
    }));
    // One segment per scenario: its name, whose it is and where it goes; its meaning in words
    // (the title, and the line under the control for the selected one).
    box.replaceChildren(...SCENARIOS.map(([id, label, short, origin, summary], i) => {
      const wrap = document.createElement('label');
      const input = document.createElement('input');
      Object.assign(input, { type: 'radio', name: 'scenario', value: id, checked: i === 0 });
      input.dataset.scenario = id;
      const whose = document.createElement('span');
      whose.className = 'whose';
      whose.textContent = origin === 'project' ? 'ours' : "the article's";
      if (origin !== 'project') whose.dataset.short = 'article';
      wrap.title = textString(summary);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = label;
      // On phones the short name (same meaning, e.g. "Worst" for "Catastrophic"); the full one stays the accessible name.
      if (short && short !== label) { name.dataset.short = short; name.setAttribute('aria-label', label); }
      const to = document.createElement('span');
      to.className = 'to';
      to.textContent = goes.get(id) ?? '';
      wrap.append(input, name, whose, to);
      return wrap;
    }));
    box.addEventListener('change', (ev) => {
      const id = ev.target.dataset.scenario;
      if (!id) return;
      applyState(app, { scenario: id });
      // The canvases first, while layout is clean: the ladder (its visibility check reads
      // layout) and the price chart's target.
      // Then the text, laid out once, by the frame.
      drawCharts(app, ['ladder']);
      drawScenarioLayer(app);
      const before = new Map([...scope.querySelectorAll('#answer [data-metric]')].map((el) => [el, el.textContent]));
      render(app, 'figures');
      markChanged(before);
      // All of it now, none after the frame: work written after a frame asks for another, and
      // the next switch then waits for the frame clock's tick (measured: switch → next frame
      // median 8.4 ms done here, 12–13.5 ms done after the frame).
      report(true);
      announce(spokenText($('#scenario-summary').childNodes));
    });
    const dateInput = $('#reference-date');
    offerDates(app);
    const note = $('#reference-error');
    const setRef = (value) => {
      try {
        applyState(app, { ref: value });
        note.textContent = '';
      } catch (e) {
        // The figures keep the last good reference, and so does the input.
        note.textContent = e.message.replace(/^reference date: /, '');
        dateInput.value = current.ref;
        return;
      }
      render(app);
      drawCharts(app, ['price', 'ladder']);
      report(true);
    };
    dateInput.addEventListener('change', () => setRef(dateInput.value));
    $('#reference-article').addEventListener('click', () => setRef(''));
  }

  function followHash(app) {
    restorePendingHash();
    const apply = () => {
      const next = parseHash();
      // Our own hash writes (report) come back as hashchange events: nothing to do for those.
      if (next.scenario === current.scenario && next.ref === current.ref) return;
      // Each part on its own: an unknown scenario falls back to recovery, a bad date keeps the
      // reference and says why.
      applyState(app, { scenario: SCENARIOS.some(([id]) => id === next.scenario) ? next.scenario : 'recovery' });
      try {
        applyState(app, { ref: next.ref });
        $('#reference-error').textContent = '';
      } catch (e) {
        $('#reference-error').textContent = e.message.replace(/^reference date: /, '');
      }
      render(app);
      drawCharts(app, ['price', 'ladder']);
      report(false);
    };
    window.addEventListener('hashchange', apply);
    if (location.hash.length > 1) apply();
  }


  // What the core was given, in order, to rebuild it after a failure inside it.
  const inputs = { prices: null, figures: null, history: null, loaded: [], dark: false, transparent: false, colors: [] };
  let renewCore = null;
  // The glue of the module this explainer's core is on (see needFull).
  let coreGlue = null;
  // The price chart is on both modules; the open-interest chart and the ladder, the full
  // analysis's, on the full one only: whether this explainer's core is there (the page may be
  // on the full module a moment before this core moves to it).
  const onModule = (chart) => chart === 'price' || (coreGlue != null && 'EventsPanel' in coreGlue);
  let renewEvents = null;
  let eventTexts = [];

  // A panic inside the core aborts the call and leaves the core's object borrowed: every later
  // call would fail ("recursive use of an object"). The guard passes plain errors (bad data, a
  // bad date) on; after a panic it builds a new core from the last good inputs, replays the
  // reader's state, says so on the page, and redraws. The failed call still throws.
  function guarded(first) {
    let inner = first();
    coreGlue = glue;
    const rebuild = () => {
      coreGlue = glue;
      const a = newCore(inputs.prices, inputs.figures);
      a.set_dark(inputs.dark);
      replayLook(a);
      try {
        if (inputs.history) loadHistory(a, inputs.history);
        for (const [text, name] of inputs.loaded) a.load_data(text, name);
        if (current.ref) a.set_reference_date(current.ref);
        a.set_scenario(current.scenario);
        return a;
      } catch (e) {
        // The replay failed too: the bundled story alone, at the article's framing.
        glue.take_panic();
        inputs.loaded = [];
        Object.assign(current, { scenario: 'recovery', ref: '' });
        const b = newCore(inputs.prices, inputs.figures);
        b.set_dark(inputs.dark);
        replayLook(b);
        return b;
      }
    };
    // On a new instance (renewIfLarge): the same replay, and the charts' label format.
    renewCore = () => { inner = rebuild(); inner.set_label_format(chartLabel); };
    const restarted = (message) => {
      const status = $('#data-status');
      status.hidden = false;
      status.dataset.loaded = 'restarted';
      status.textContent = `Something failed inside the explainer (${capped(message, 200)}). It was restarted with the last good data; the figures shown are current.`;
      requestAnimationFrame(() => { render(proxy); drawCharts(proxy); onWindowChange(proxy, 'all', false); report(false); });
    };
    const wrappers = new Map();
    const proxy = new Proxy({}, {
      get(_, name) {
        const v = inner[name];
        if (typeof v !== 'function') return v;
        // One wrapper per method, calling the core in use at the time of the call.
        let w = wrappers.get(name);
        if (!w) wrappers.set(name, w = (...args) => {
          try {
            return inner[name](...args);
          } catch (e) {
            // The panic is recorded by the instance the core is on.
            const panic = coreGlue.take_panic();
            if (panic == null) throw e;
            inner = rebuild();
            restarted(panic);
            throw new Error(`internal error (${panic}); the explainer was restarted`);
          }
        });
        return w;
      },
    });
    return proxy;
  }

  // ---- The script API (README, "Script API"): a small surface on the handle a host page gets
  // (window.leverageReset on the page, element.leverageReset for the custom element). Each
  // change redraws what it changes and reports the state (`leverage-reset:state`).
  function exposeApi(app) {
    me = {
      // What a new core reads again: the bundled files, the history, the files in use, the event study's.
      inputBytes: () => [inputs.prices, inputs.figures, inputs.history, ...inputs.loaded.map(([t]) => t), ...eventTexts].reduce((n, t) => n + (t?.length ?? 0), 0),
      // Before the new instance: what to keep; after it, the core and the event study rebuilt,
      // redrawn. `why`: 'full' when the instance is the full module's (needFull), which is not
      // counted as a renewal.
      prepare() {
        const [a, b] = app.window();
        return (redraw, why) => {
          // On the full module: the history too (the one-file build's is given at mount).
          if (why === 'full' && !inputs.history) {
            inputs.history = fullHistory;
            root.dataset.history = fullHistory ? 'loaded' : 'failed';
          }
          // The full analysis can open now: an earlier failure to load it no longer holds.
          if (why === 'full') $('.layout-error')?.replaceChildren();
          renewCore();
          app.set_window(a, b);
          renewEvents?.();
          if (why !== 'full') stats.renewals = (stats.renewals ?? 0) + 1;
          if (redraw) { render(app); drawCharts(app); report(false); }
        };
      },
    };
    explainers.add(me);
    // The full module arrived while this explainer was starting (another one on the page needed
    // it): its core moves there too, so every explainer of the page is on one instance.
    if (coreGlue !== glue) me.prepare()(true, 'full');
    // The canvases before the text, as a switch does (see the scenario control).
    const after = (all) => {
      drawCharts(app, all ? ['price', 'ladder'] : ['ladder']);
      if (!all) drawScenarioLayer(app);
      const before = new Map([...scope.querySelectorAll('#answer [data-metric]')].map((el) => [el, el.textContent]));
      render(app, all ? 'all' : 'figures');
      markChanged(before);
      report(true);
    };
    Object.assign(handle, {
      /** The reader's state: {scenario, reference_date} (null = the article's framing). */
      state: () => ({ scenario: current.scenario, reference_date: current.ref || null }),
      /** The scenarios' ids, in the page's order. */
      scenarios: () => SCENARIOS.map(([id]) => id),
      /** Switches the scenario; throws on an unknown id. */
      setScenario(id) {
        if (!SCENARIOS.some(([s]) => s === id)) throw new Error(`'${String(id).slice(0, 20)}' is not a scenario (${SCENARIOS.map(([s]) => s).join(', ')})`);
        if (id === current.scenario) return;
        applyState(app, { scenario: id });
        after(false);
      },
      /** Sets the reference to the close of a YYYY-MM-DD date, or the article's framing for
       * null or ''; throws (and says why on the page) on a date without a close. */
      setReference(date) {
        const ref = date ?? '';
        if (ref === current.ref) return;
        try {
          applyState(app, { ref });
        } catch (e) {
          $('#reference-error').textContent = e.message.replace(/^reference date: /, '');
          throw e;
        }
        $('#reference-error').textContent = '';
        after(true);
      },
      /** 'auto' | 'light' | 'dark' | 'inherit'; also re-reads the --leverage-reset-* colours. */
      setTheme(theme) {
        themeMode = ['light', 'dark', 'inherit'].includes(theme) ? theme : 'auto';
        applyLook(app);
        drawCharts(app);
      },
      /** A BCP 47 tag for numbers and dates (the words stay English). */
      setLocale(tag) {
        setLocale(tag);
        render(app);
        const [a, b] = app.window_dates();
        $('#range-label').textContent = `${fmtDate(a)} to ${fmtDate(b)}`;
      },
      /** Loads prices, a market series or a story file from a URL (as ?data=); resolves to
       * {ok, message}, the message being what the page says. */
      loadData: (url) => loadOne(app, url),
      /** The wasm instance's memory in bytes (a new instance after a large file is replaced). */
      wasmMemoryBytes: () => glue.memory_bytes(),
      /** Which module of the core is in use: 'default', or 'full' once a reader's data or the
       * event study needed it. */
      coreModule: () => (isFull() ? 'full' : 'default'),
      useFullModule: () => needFull(),
    });
  }

  /**
   * Mounts the explainer.
   * - target: `document` (the page) or a shadow root holding the markup of index.html's <main>.
   * - options.host: the element that receives data-state, the theme and the state events.
   * - options.theme: 'dark' | 'light' | 'auto' | 'inherit' (the host's font, no background); options.scenario, options.reference: initial state;
   *   options.hash: keep the state in the URL hash; options.sections: ids of the sections to show;
   *   options.dataUrl: one or more http(s) URLs of prices, market series (open interest,
   *     liquidations, funding) or a story file, in any format model/ingest.rs reads;
   *   options.locale: a BCP 47 tag for numbers and dates (default: the browser's language);
   *   options.data, options.wasm: inline data and wasm bytes (the one-file build).
   */
  // After the next frame is painted: a message posted from its animation frame (the task after
  // the rendering), then a timer, so tasks queued from that frame (a host's own "after paint")
  // run before this work; at most 100 ms where frames do not come (a hidden tab or frame).
  const afterPaint = () => new Promise((resolve) => {
    const t = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => setTimeout(() => { clearTimeout(t); resolve(); }, 0);
      ch.port2.postMessage(0);
    });
  });

  async function mount(target = document, options = {}) {
    scope = target;
    root = options.host ?? document.documentElement;
    host = options.host ?? null;
    useHash = options.hash ?? target === document;
    root.dataset.state = 'loading';
    // The files and the wasm first: they download and compile off the main thread while the
    // first Intl formatter (about 20-40 ms to set up) is made here.
    // options.data ({prices, figures} as text) and options.wasm (bytes) are for the one-file build.
    // Prices as CSV text need the full module's reader (the one-file build inlines it).
    const texts = options.data ? Promise.resolve([options.data.prices, options.data.figures])
      : Promise.all([fetchBytes(here(compactOf(PRICES))), fetchBytes(here(compactOf(FIGURES)))]);
    const ready = Promise.all([texts, instantiate(options.wasm)])
      .then(async (r) => { if (typeof r[0][0] === 'string') await needFull(); return r; });
    // The compact layout is the default module's; the full analysis (its paragraphs, tables and
    // two more charts) is the full module's, fetched at once, beside the default one, for
    // another layout (see openAnalysis).
    const compact = options.layout !== 'full' && !options.sections;
    if (!compact) needFull().catch(() => {}); // said by openAnalysis below
    ready.catch(() => {}); // handled below
    setLocale(options.locale);
    if (options.header === 'off') $('#explainer').dataset.header = 'off';
    setLayout(null, options.layout === 'full' ? 'full' : options.sections ? 'sections' : 'compact', options.sections);
    let app;
    try {
      const [[prices, figures]] = await ready;
      Object.assign(inputs, { prices, figures });
      app = guarded(() => newCore(prices, figures));
      app.set_label_format(chartLabel);
    } catch (e) {
      const m = String(e?.message ?? e);
      const msg = /unsafe-eval|Content Security Policy|CSP/i.test(m)
        ? "this page's security policy does not allow WebAssembly (it needs 'wasm-unsafe-eval'), so the figures cannot be computed here"
        : e instanceof WebAssembly.CompileError || /wasm|WebAssembly/i.test(m)
          ? 'the WebAssembly part of the explainer failed to load; try reloading the page'
          : e instanceof TypeError
            ? 'its files could not be fetched (the server did not answer, or does not let this page read them); try reloading the page'
            : capped(m);
      showError(msg);
      return null;
    }
    handle.app = app;
    if (target === document) window.leverageReset = handle;
    else if (host) host.leverageReset = handle;
    themeMode = options.theme ?? 'auto';
    applyLook(app);
    try {
      applyState(app, { scenario: options.scenario ?? undefined, ref: options.reference ?? undefined });
    } catch (e) {
      $('#reference-error').textContent = e.message;
    }
    // The first frame: the price chart and the figures of the text. The tables, the other
    // charts and the wiring of the controls follow once it is painted.
    drawCharts(app, ['price']);
    render(app, 'figures');
    performance.mark('leverage-reset:first-chart');
    await afterPaint();
    for (const q of [darkQuery, forcedQuery]) q.addEventListener('change', () => { applyLook(app); drawCharts(app); });
    wireControls(app, render(app));
    // The toggle opens the layout the page was given (its sections), or every section.
    const opened = options.sections ? 'sections' : 'full';
    $('#layout-toggle').addEventListener('click', (ev) => {
      const toggle = ev.currentTarget;
      if (toggle.getAttribute('aria-expanded') === 'true') keepInView(toggle, () => setLayout(app, 'compact'));
      else openAnalysis(app, () => keepInView(toggle, () => setLayout(app, opened, options.sections)));
    });
    drawCharts(app, ['open-interest', 'ladder']);
    wirePriceChart(app);
    wireColumnChart(app, 'open-interest', '#oi-chart', () => {
      const oi = app.open_interest_view();
      return [...oi.dollars, ...oi.coins].map((c) => `${c.label}: ${rangeText(c.unit, c.value)} (${PROVENANCE_SHORT[c.provenance]})`);
    });
    wireColumnChart(app, 'ladder', '#ladder-chart', (v) => v.scenarios.map((sc) =>
      `${sc.label}: target ${rangeText('usd', sc.target_usd)}, ${sc.contains_reference ? 'which contains the reference' : `a move of ${rangeText('pct', { low: sc.move_from_reference.low * 100, high: sc.move_from_reference.high * 100 })}`}`));
    for (const b of scope.querySelectorAll('[data-range]')) {
      b.addEventListener('click', () => { app.set_window_preset(b.dataset.range); onWindowChange(app, b.dataset.range); });
    }
    onWindowChange(app, 'all', false); // drawn and summarised above, with the same window
    wireDownloads(app);
    wirePrint(app);
    for (const d of scope.querySelectorAll('details.data-table')) d.addEventListener('toggle', () => { if (d.open && onModule(d.dataset.chart)) fillDataTable(app, d); });
    let queued = false;
    const redraw = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; drawCharts(app); }); } };
    handle.redraw = redraw;
    let lastWidth = $('#explainer').clientWidth; // the width drawn at; the observer's first call is not a resize
    new ResizeObserver(() => {
      const w = $('#explainer').clientWidth;
      if (w !== lastWidth) { lastWidth = w; redraw(); }
    }).observe($('#explainer'));
    const watchRatio = () => matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener('change', () => { redraw(); watchRatio(); }, { once: true });
    watchRatio();
    if (useHash) followHash(app);
    exposeApi(app);
    // Another layout is ready with its analysis (or with a failure to load it said).
    if (!compact) await openAnalysis(app, () => setLayout(app, opened, options.sections));
    report(false);
    root.dataset.state = 'ready';
    // The long history (for the full analysis's "largest fall since …") comes with the full
    // module (needFull); the one-file build's, given here, after the first frame.
    if (options.data?.history != null && !inputs.history) {
      try { loadHistory(app, options.data.history); inputs.history = options.data.history; render(app); root.dataset.history = 'loaded'; }
      catch (e) { root.dataset.history = 'failed'; console.warn(`leverage-reset: history not loaded: ${e.message}`); }
    }
    if (options.dataUrl) loadOwnData(app, [].concat(options.dataUrl));
    // The event study loads when its section comes near the screen (its windows are the
    // heaviest data), or at once where IntersectionObserver is missing.
    const eventsSection = $('#events');
    if (eventsSection && !eventsSection.hidden && 'IntersectionObserver' in window) {
      const io = new IntersectionObserver((entries) => {
        if (entries.some((en) => en.isIntersecting)) { io.disconnect(); wireEvents(app, options.data); }
      }, { rootMargin: '1200px 0px' });
      io.observe(eventsSection);
    } else {
      wireEvents(app, options.data);
    }
    return app;
  }
  // The event study's wiring (www/events.js) loads with it, when its section comes near the
  // screen; a failed load is said in words with a way to try again.
  const eventsContext = () => ({
    $, PROVENANCE_WORDS, announce, download, fetchText, fmt, fmtDate, handle, here, inputs, labelCells, markFor, needFull, root, textNodes,
    eventsFailed, glue: () => glue, setEventTexts: (t) => { eventTexts = t; }, setRenewEvents: (f) => { renewEvents = f; },
  });
  let eventsTries = 0;
  function wireEvents(app, inline) {
    // A failed import stays failed for its address: a new try asks for another.
    const wiring = eventsTries++ ? import(`./events.js?try=${eventsTries}`) : import('./events.js');
    return wiring.then((m) => m.wireEvents(eventsContext(), app, inline), () => eventsFailed(app, inline, 'a part of the explainer could not be fetched from its server'));
  }
  // The event study could not load (its file, its module or its data): said in words, the parts
  // that would stay empty hidden, and a button that tries again.
  function eventsFailed(app, inline, message) {
    const section = $('#events');
    const errorEl = $('#events-error');
    if (!section || !errorEl) return null;
    const parts = [$('#fig-events'), section.querySelector('.event-toggles'), ...section.querySelectorAll('.table-wrap')].filter(Boolean);
    for (const el of parts) el.hidden = true;
    const retry = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Try again' });
    retry.addEventListener('click', () => { errorEl.hidden = true; for (const el of parts) el.hidden = false; wireEvents(app, inline); }, { once: true });
    errorEl.replaceChildren(`The comparison could not load: ${message}. `, retry);
    errorEl.hidden = false;
    return null;
  }


  return { mount };
}

// Posts the content height to the parent page when framed, in the two protocols hosts listen
// for: Datawrapper's object and AMP's embed-size (what Flourish and @newswire/frames send).
function postHeight(embedId) {
  if (window.parent === window) return;
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ 'datawrapper-height': { [embedId]: height } }, '*');
    window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
  }).observe(document.documentElement);
}

/**
 * Mounts an explainer on `target` (see `mount` inside createExplainer for the options) and
 * resolves to its core handle, or null when it could not load (the page says why).
 */
export async function mount(target = document, options = {}) {
  return createExplainer().mount(target, options);
}

export { postHeight };
