// <leverage-reset-explainer>: the explainer as a custom element, with one module script:
//   <script type="module" src="https://host/leverage-reset/leverage-reset.js"></script>
//   <leverage-reset-explainer scenario="retest" theme="auto" sections="numbers,levels"></leverage-reset-explainer>
// Attributes: data-src (URL of daily prices, CSV like the bundled file), scenario, reference (YYYY-MM-DD), theme (auto|light|dark), sections (ids, comma-
// separated), locale (a BCP 47 tag for numbers and dates; default the browser's). The markup is index.html's <main>, in a shadow root so host
// styles neither leak in nor out. Emits `leverage-reset:state` events ({scenario, reference_date}).
import { mount } from './main.js';

const base = new URL('./', import.meta.url);

class LeverageResetExplainer extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('style.css', base).href;
    const page = new DOMParser().parseFromString(await (await fetch(new URL('index.html', base))).text(), 'text/html');
    const main = document.importNode(page.querySelector('main'), true);
    // Relative URLs in the markup (static images) belong to the widget, not the host page.
    for (const img of main.querySelectorAll('img[src]')) img.src = new URL(img.getAttribute('src'), base).href;
    for (const ns of main.querySelectorAll('noscript')) ns.remove();
    shadow.append(style, main);
    await mount(shadow, {
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
  }
}

if (!customElements.get('leverage-reset-explainer')) customElements.define('leverage-reset-explainer', LeverageResetExplainer);
