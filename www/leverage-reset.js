// <leverage-reset-explainer>: the explainer as a custom element (attributes, properties, parts and
// events in the README, "Embedding it"). The markup is index.html's <main>, in a shadow root so host
// styles neither leak in nor out. scenario, reference, theme and locale are followed after load.
const base = new URL('./', import.meta.url);
const SLOW = 'The explainer is taking longer than usual to load: its files have not arrived after ten seconds. It will appear here if they do; reloading the page may help.';
// Attributes followed after load, and the handle's method each one calls.
const FOLLOWED = { scenario: 'setScenario', reference: 'setReference', theme: 'setTheme', locale: 'setLocale' };

// The compact explainer's height (CSS px) by the element's width, as measured on 30 Nov 2026
// (tests/e2e/layout.mjs measures the layout shift it leaves): [width, height] pairs, read by
// the lower of the two nearest widths, less a little, so the element grows into its room by a
// few pixels rather than shrinking (text wraps differently between them).
const COMPACT_HEIGHTS = [[320, 1258], [360, 1159], [420, 1098], [480, 956], [560, 1014], [640, 1010], [700, 985], [760, 960], [820, 888]];
function reservedHeight(width) {
  const t = COMPACT_HEIGHTS;
  const k = t.findIndex(([w]) => w >= width);
  if (k <= 0) return t[k === 0 ? 0 : t.length - 1][1] - 8;
  return Math.min(t[k - 1][1], t[k][1]) - 8;
}

class LeverageResetExplainer extends HTMLElement {
  static observedAttributes = Object.keys(FOLLOWED);

  #ready;
  #resolve;

  constructor() {
    super();
    this.#ready = new Promise((resolve) => { this.#resolve = resolve; });
  }

  get ready() { return this.#ready; }

  get scenario() { return this.leverageReset?.state?.().scenario ?? this.getAttribute('scenario') ?? 'recovery'; }
  set scenario(id) { this.setAttribute('scenario', id); }

  get reference() { return this.leverageReset?.state ? this.leverageReset.state().reference_date : this.getAttribute('reference'); }
  set reference(date) { if (date == null || date === '') this.removeAttribute('reference'); else this.setAttribute('reference', date); }

  get theme() { return this.getAttribute('theme') ?? 'auto'; }
  set theme(value) { this.setAttribute('theme', value); }

  get locale() { return this.getAttribute('locale'); }
  set locale(value) { this.setAttribute('locale', value); }

  async load(url) {
    if (!(await this.ready)) return { ok: false, message: 'The explainer did not load.' };
    return this.leverageReset.loadData(new URL(url, document.baseURI).href);
  }

  attributeChangedCallback(name, old, value) {
    const handle = this.leverageReset;
    if (!handle?.setScenario || old === value) return; // before load the attributes are read by mount
    this.#follow(name, value);
  }

  #follow(name, value) {
    const handle = this.leverageReset;
    try {
      handle[FOLLOWED[name]](name === 'scenario' ? (value ?? 'recovery') : value ?? (name === 'theme' ? 'auto' : name === 'locale' ? undefined : ''));
    } catch (e) {
      console.warn(`leverage-reset: ${name}="${String(value).slice(0, 40)}" not applied: ${e.message}`);
    }
  }

  #fail(shadow, message) {
    this.dataset.state = 'error';
    const p = document.createElement('p');
    p.id = 'load-error';
    p.setAttribute('role', 'alert');
    p.setAttribute('part', 'message');
    p.textContent = `The explainer could not load: ${message}`;
    shadow.querySelector('.lr-load-slow')?.remove();
    shadow.append(p);
    this.#resolve(null);
  }

  async connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: 'open' });
    this.dataset.state = 'loading';
    // The room the compact explainer will take, reserved at once (before its stylesheet and page
    // arrive), so the host's text below does not move when it appears.
    if (!this.hasAttribute('layout') && !this.hasAttribute('sections') && typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in shadow) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`:host(:not([data-state="ready"])) { display: block; min-height: ${reservedHeight(this.parentElement?.clientWidth ?? 0)}px; }`);
      shadow.adoptedStyleSheets = [sheet];
    }
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('style.min.css', base).href;
    // Said in words after 10 s without the explainer (the stylesheet reveals it; see .lr-load-slow).
    const slow = Object.assign(document.createElement('p'), { className: 'lr-load-slow', textContent: SLOW });
    slow.setAttribute('role', 'status');
    slow.setAttribute('part', 'message');
    // The page's markup goes in only once its stylesheet has loaded (or failed): unstyled, it
    // would be laid out once and then again, moving the host's text.
    const styled = new Promise((resolve) => { style.addEventListener('load', resolve, { once: true }); style.addEventListener('error', resolve, { once: true }); });
    shadow.append(style, slow);
    let mount;
    let page;
    try {
      ({ mount } = await import('./main.min.js'));
    } catch {
      this.#fail(shadow, `its script could not be fetched from ${base.href} (the server did not answer, or does not let this page read it); try reloading the page.`);
      return;
    }
    try {
      const res = await fetch(new URL('index.html', base));
      if (!res.ok) throw new Error(`its page was ${res.status === 404 ? 'not found' : 'refused'} at ${base.href} (HTTP ${res.status}); try reloading the page.`);
      page = new DOMParser().parseFromString(await res.text(), 'text/html');
      if (!page.querySelector('main')) throw new Error(`${base.href}index.html is not the explainer's page.`);
    } catch (e) {
      this.#fail(shadow, e instanceof TypeError ? `its files could not be fetched from ${base.href} (the server did not answer, or does not let this page read them); try reloading the page.` : e.message);
      return;
    }
    const main = document.importNode(page.querySelector('main'), true);
    // Relative URLs in the markup (static images) belong to the widget, not the host page.
    for (const img of main.querySelectorAll('img[src]')) img.src = new URL(img.getAttribute('src'), base).href;
    for (const src of main.querySelectorAll('source[srcset]')) src.srcset = new URL(src.getAttribute('srcset'), base).href;
    for (const ns of main.querySelectorAll('noscript')) ns.remove();
    main.querySelector('#load-slow')?.remove(); // the element's own message stands for it
    // Parts a host may style (README): the explainer, its charts, its controls, its messages.
    main.setAttribute('part', 'explainer');
    for (const el of main.querySelectorAll('figure')) el.setAttribute('part', 'chart');
    for (const el of main.querySelectorAll('.controls')) el.setAttribute('part', 'controls');
    for (const el of main.querySelectorAll('#load-error, #data-status')) el.setAttribute('part', 'message');
    // The widget is English and left to right whatever the host page's direction.
    this.setAttribute('dir', 'ltr');
    await styled;
    shadow.append(main);
    const app = await mount(shadow, {
      host: this,
      hash: false,
      theme: this.getAttribute('theme') ?? 'auto',
      locale: this.getAttribute('locale') ?? undefined,
      dataUrl: this.getAttribute('data-src') ? new URL(this.getAttribute('data-src'), document.baseURI).href : undefined,
      scenario: this.getAttribute('scenario') ?? undefined,
      reference: this.getAttribute('reference') ?? undefined,
      sections: this.getAttribute('sections')?.split(',').map((s) => s.trim()),
      layout: this.getAttribute('layout') ?? undefined,
      header: this.getAttribute('header') ?? undefined,
    });
    slow.remove();
    if (!app) { this.#resolve(null); return; }
    // Attributes changed while loading: follow them now.
    const state = this.leverageReset.state();
    if ((this.getAttribute('scenario') ?? state.scenario) !== state.scenario) this.#follow('scenario', this.getAttribute('scenario'));
    if ((this.getAttribute('reference') ?? null) !== state.reference_date && this.hasAttribute('reference')) this.#follow('reference', this.getAttribute('reference'));
    this.#resolve(this);
  }
}

if (!customElements.get('leverage-reset-explainer')) customElements.define('leverage-reset-explainer', LeverageResetExplainer);
