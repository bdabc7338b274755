#!/usr/bin/env python3
"""Builds the whole explainer as one self-contained HTML file that opens from disk (file://) with
no server: styles, data, the wasm (base64) and the JavaScript inlined. Run after the wasm build:
tools/single_file.py [www] [out.html]. The scripts are loaded from blob: URLs made by one inline
module, so the page code is the same as the served one; file:// pages have no CSP to satisfy."""
import base64
import json
import re
import sys
from pathlib import Path

www = Path(sys.argv[1] if len(sys.argv) > 1 else "www")
out = Path(sys.argv[2] if len(sys.argv) > 2 else www / "dist" / "leverage-reset.html")

page = (www / "index.html").read_text()
style = (www / "style.min.css").read_text()
# The full module (www/pkg/full, tools/build.sh) in place of the default one: the file reads
# other data and shows the event study with nothing more to fetch.
glue = (www / "pkg" / "full" / "leverage_reset.js").read_text()
main = (www / "main.js").read_text()
events_js = (www / "events.js").read_text()
assert "import('./events.js')" in main, "main.js no longer imports './events.js': update tools/single_file.py"
wasm = base64.b64encode((www / "pkg" / "full" / "leverage_reset_bg.wasm").read_bytes()).decode()
prices = (www / "data" / "btcusd_bitstamp_daily.csv").read_text()
figures = (www / "data" / "story_figures.csv").read_text()
history = (www / "data" / "btcusd_daily_closes_2020_2025.csv").read_text()
events = {k: (www / "data" / f).read_text() for k, f in (("events", "events.csv"), ("windows", "event_windows.csv"), ("leverage", "event_leverage.csv"))}

# Keep the page's <main> (the narrative, with its default figures) and its <head> basics.
main_html = re.search(r"<main id=\"explainer\"[^>]*>.*</main>", page, re.S).group(0)
# The first-frame chart is a file next to the page; the one file draws at once instead.
main_html = re.sub(r"\s*<picture id=\"price-first\".*?</picture>", "", main_html, flags=re.S)
main_html = re.sub(r"<noscript>.*?</noscript>", "<noscript><p class=\"notice\">This file computes its figures with JavaScript; the figures in the text are the default view.</p></noscript>", main_html, flags=re.S)
title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)

def script_text(s: str) -> str:
    # Text inside <script> must not close the element early.
    return s.replace("</script", "<\\/script")

boot = f"""
const glueUrl = URL.createObjectURL(new Blob([{json.dumps(glue)}], {{ type: 'text/javascript' }}));
const eventsUrl = URL.createObjectURL(new Blob([{json.dumps(events_js)}], {{ type: 'text/javascript' }}));
const mainSrc = {json.dumps(main)}.replace("'./pkg/leverage_reset.js'", JSON.stringify(glueUrl)).replace("'./events.js'", JSON.stringify(eventsUrl));
const {{ mount }} = await import(URL.createObjectURL(new Blob([mainSrc], {{ type: 'text/javascript' }})));
const wasm = Uint8Array.from(atob(document.getElementById('lr-wasm').textContent.trim()), (c) => c.charCodeAt(0));
const text = (id) => document.getElementById(id).textContent.replace(/^\\n/, '');
const params = new URLSearchParams(location.search);
mount(document, {{ data: {{ prices: text('lr-prices'), figures: text('lr-figures'), history: text('lr-history'), events: text('lr-events'), windows: text('lr-windows'), leverage: text('lr-leverage') }}, wasm, theme: params.get('theme') ?? 'auto', locale: params.get('locale') ?? undefined, scenario: params.get('scenario') ?? undefined, reference: params.get('ref') ?? undefined, sections: params.get('sections')?.split(','), layout: params.get('layout') ?? undefined, header: params.get('header') ?? undefined }});
"""

html = f"""<!doctype html>
<html lang="en" data-state="loading">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>
{style}
</style>
</head>
<body>
{main_html}
<script type="text/plain" id="lr-prices">
{script_text(prices)}</script>
<script type="text/plain" id="lr-figures">
{script_text(figures)}</script>
<script type="text/plain" id="lr-history">
{script_text(history)}</script>
<script type="text/plain" id="lr-events">
{script_text(events["events"])}</script>
<script type="text/plain" id="lr-windows">
{script_text(events["windows"])}</script>
<script type="text/plain" id="lr-leverage">
{script_text(events["leverage"])}</script>
<script type="text/plain" id="lr-wasm">{wasm}</script>
<script type="module">
{script_text(boot)}
</script>
</body>
</html>
"""
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(html)
print(f"single file: {out} ({len(html.encode()) / 1024:.1f} KB)")
