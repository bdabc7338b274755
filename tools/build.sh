#!/usr/bin/env bash
# Release build of the widget into www/pkg (+ SVG fallbacks into www/static). Run from anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

tools/setup.sh

echo "build: cargo build --release --target wasm32-unknown-unknown --lib"
cargo build --release --target wasm32-unknown-unknown --lib

echo "build: wasm-bindgen --target web -> www/pkg"
# --experimental-reset-state-function: the glue's __wbg_reset_state() swaps in a new instance of
# the compiled module and drops the old one, so the page can give back memory a large file took
# (www/main.js, renewIfLarge); objects of the old instance then throw instead of reading the new.
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --experimental-reset-state-function \
  --out-dir www/pkg "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/leverage_reset.wasm"

if [[ -f src/bin/render_charts.rs ]]; then
  echo "build: render-charts -> www/static"
  cargo run --release --quiet --bin render-charts -- www/static www/index.html
else
  echo "build: src/bin/render_charts.rs not there yet: skipping the SVG fallbacks"
fi

echo "build: one-file explainer -> www/dist/leverage-reset.html"
python3 tools/single_file.py www www/dist/leverage-reset.html

wasm=www/pkg/leverage_reset_bg.wasm
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
awk -v f="$wasm" -v r="$raw" -v g="$gz" \
  'BEGIN { printf "build: %s  %d bytes raw (%.1f KB), %d bytes gzip -9 (%.1f KB)\n", f, r, r/1024, g, g/1024 }'
