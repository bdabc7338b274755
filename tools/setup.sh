#!/usr/bin/env bash
# Install what the build (and, with --browser, the browser tests) need. Idempotent: every step is
# skipped when its tool is already present at the right version.
#   tools/setup.sh            -> wasm32 target + wasm-bindgen-cli matching Cargo.lock, the npm dev dependencies
#   tools/setup.sh --browser  -> also Debian chromium + chromium-driver
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    *) echo "usage: tools/setup.sh [--browser]" >&2; exit 2 ;;
  esac
done

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
say() { echo "setup: $*"; }

# 1. Rust target
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target present"
else
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 1b. rustfmt and clippy, for the house rules in tools/test.sh
for component in rustfmt clippy; do
  if rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "$component present"
  else
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

# 2. wasm-bindgen-cli: must match the wasm-bindgen crate in Cargo.lock exactly
if [[ ! -f Cargo.lock ]]; then
  say "no Cargo.lock yet: generating it"
  cargo generate-lockfile --quiet
fi
want=$(awk '
  /^\[\[package\]\]/ { in_wb = 0 }
  /^name = "wasm-bindgen"$/ { in_wb = 1; next }
  in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)
if [[ -z "$want" ]]; then
  echo "setup: no wasm-bindgen package in Cargo.lock (is it a dependency in Cargo.toml?)" >&2
  exit 1
fi
have=$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')
have_runner=$( (wasm-bindgen-test-runner --version 2>/dev/null || true) | awk '{print $2}')
if [[ "$have" == "$want" && "$have_runner" == "$want" ]]; then
  say "wasm-bindgen-cli $want present"
else
  # Without --locked: the CLI's own lockfile pins a webpki-roots the registry here does not offer.
  say "installing wasm-bindgen-cli $want (found '${have:-none}'; takes a few minutes)"
  cargo install --quiet --force wasm-bindgen-cli --version "$want"
fi

# 2b. npm dev dependencies: terser for the build (tools/minify.mjs), playwright-core and
# axe-core for the browser tests, the peers of the benchmark (never `npx playwright install`)
if [[ ! -d node_modules || ( -f package-lock.json && package-lock.json -nt node_modules ) ]]; then
  if [[ -f package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  else
    say "npm install (no package-lock.json)"
    npm install --no-audit --no-fund --loglevel=error
  fi
  touch node_modules
else
  say "node_modules up to date"
fi

[[ $browser == 1 ]] || exit 0

# 3. Debian Chromium + chromedriver (used by playwright-core and wasm-bindgen-test-runner)
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  say "chromium and chromedriver present"
else
  say "installing chromium and chromium-driver with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

