// The page's bootstrap: mount the explainer on this document. URL parameters: ?theme=dark|light|inherit,
// ?scenario=<id>, ?ref=YYYY-MM-DD (initial state; the hash wins), ?layout=full (every section; default: the
// compact answer), ?sections=numbers,levels (the answer and these), ?header=off (no headline),
// ?locale=de-DE, ?data=<url of a daily OHLC CSV>, ?id=<name> (the key of the Datawrapper-style height message when framed).
import { mount, postHeight } from './main.min.js';

const params = new URLSearchParams(location.search);
postHeight(params.get('id') ?? 'leverage-reset');
mount(document, {
  theme: params.get('theme') ?? 'auto',
  locale: params.get('locale') ?? undefined,
  dataUrl: params.getAll('data'),
  scenario: params.get('scenario') ?? undefined,
  reference: params.get('ref') ?? undefined,
  sections: params.get('sections')?.split(','),
  layout: params.get('layout') ?? undefined,
  header: params.get('header') ?? undefined,
});
