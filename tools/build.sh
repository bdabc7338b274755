#!/usr/bin/env bash
# Release build of the widget into www/pkg (+ SVG fallbacks into www/static). Run from anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

tools/setup.sh

# Two modules from one crate (Cargo.toml, [features]): the default one the page loads first (no
# JSON reading, no event study) into www/pkg, and the full one, loaded when a reader needs it
# (www/main.js, needFull), into www/pkg/full. The default one builds in its own target directory
# so that neither build throws the other's away.
target="${CARGO_TARGET_DIR:-target}"
# --experimental-reset-state-function: the glue's __wbg_reset_state() swaps in a new instance of
# the compiled module and drops the old one, so the page can give back memory a large file took
# (www/main.js, renewIfLarge); objects of the old instance then throw instead of reading the new.
bindgen() {
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --experimental-reset-state-function \
    --out-dir "$2" "$1/wasm32-unknown-unknown/release/leverage_reset.wasm"
}
echo "build: the default module: cargo build --release --target wasm32-unknown-unknown --lib --no-default-features -> www/pkg"
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --target-dir "$target/compact"
bindgen "$target/compact" www/pkg

echo "build: the full module: cargo build --release --target wasm32-unknown-unknown --lib -> www/pkg/full"
cargo build --release --target wasm32-unknown-unknown --lib
bindgen "$target" www/pkg/full

# The page's scripts minified next to their sources (main.min.js, events.min.js: what the page
# loads), the glue of both modules in place.
echo "build: minify -> www/*.min.js, www/pkg/**/leverage_reset.js"
node tools/minify.mjs www

# The bundled prices, figures and history in the compact forms the default module reads
# (src/model/compact.rs); the CSVs stay the published files.
echo "build: compact-data -> www/data/*.bin"
cargo run --release --quiet --bin compact-data -- www/data

if [[ -f src/bin/render_charts.rs ]]; then
  echo "build: render-charts -> www/static"
  cargo run --release --quiet --bin render-charts -- www/static www/index.html
else
  echo "build: src/bin/render_charts.rs not there yet: skipping the SVG fallbacks"
fi

echo "build: one-file explainer -> www/dist/leverage-reset.html"
python3 tools/single_file.py www www/dist/leverage-reset.html

for wasm in www/pkg/leverage_reset_bg.wasm www/pkg/full/leverage_reset_bg.wasm; do
  raw=$(wc -c <"$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  awk -v f="$wasm" -v r="$raw" -v g="$gz" \
    'BEGIN { printf "build: %s  %d bytes raw (%.1f KB), %d bytes gzip -9 (%.1f KB)\n", f, r, r/1024, g, g/1024 }'
done
