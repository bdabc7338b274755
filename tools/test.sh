#!/usr/bin/env bash
# The one command that runs every test: native cargo tests, wasm tests in headless Chromium,
# a release build, and the end-to-end browser test of the page. Run from anywhere.
# Exits non-zero as soon as a step fails (the failing step is named).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

current=""
server_pid=""
step() { current="$*"; echo; echo "==> $current"; }
on_exit() {
  local rc=$?
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  if [[ $rc != 0 ]]; then echo "test: FAILED at step: $current (exit $rc)" >&2; fi
  exit "$rc"
}
trap on_exit EXIT
trap "exit 130" INT TERM

step "setup (with browser)"
tools/setup.sh --browser

step "house rules: cargo fmt --check (rustfmt.toml)"
cargo fmt --check
step "house rules: cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --quiet -- -D warnings
step "house rules: clippy on the wasm modules: the default one (--no-default-features) and the full one"
cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --target-dir "${CARGO_TARGET_DIR:-target}/compact" --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --quiet -- -D warnings

step "native tests: cargo test --all-targets"
cargo test --all-targets
step "native doc tests: cargo test --doc"
cargo test --doc

if [[ -f tests/web.rs ]]; then
  step "wasm tests in headless Chromium: cargo test --target wasm32-unknown-unknown --test web"
  CHROMEDRIVER=/usr/bin/chromedriver \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test web
else
  step "wasm tests: tests/web.rs not there: skipped"
fi

step "release build"
tools/build.sh

step "size budget: node tools/check_size.mjs (tools/size-budget.json)"
node tools/check_size.mjs

step "end-to-end test (playwright-core + Chromium)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p tests/e2e/out
python3 tools/server.py "$port" www --fixtures tests/fixtures >tests/e2e/out/server.log 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "test: http.server died (see tests/e2e/out/server.log)" >&2; exit 1; }
  sleep 0.1
done
BASE_URL="http://127.0.0.1:$port/" node tests/e2e/e2e.mjs
step "chart interactions in headless Chromium: node tests/e2e/charts.mjs"
BASE_URL="http://127.0.0.1:$port/" node tests/e2e/charts.mjs
step "embeds, deep links, CSP and accessibility in headless Chromium: node tests/e2e/embed.mjs"
BASE_URL="http://127.0.0.1:$port/" node tests/e2e/embed.mjs
step "event study in headless Chromium: node tests/e2e/events.mjs"
BASE_URL="http://127.0.0.1:$port/" node tests/e2e/events.mjs
step "the compact, answer-first layout in headless Chromium: node tests/e2e/layout.mjs"
BASE_URL="http://127.0.0.1:$port/" node tests/e2e/layout.mjs
step "fitting the host (theme=inherit, RTL, forced colours, attributes, script API, plain static server, touch, 320 px): node tests/e2e/host.mjs"
BASE_URL="http://127.0.0.1:$port/" node tests/e2e/host.mjs
step "wasm memory given back after a large file is replaced (a new instance; page, two elements, one file): node tests/e2e/memory.mjs"
BASE_URL="http://127.0.0.1:$port/" node tests/e2e/memory.mjs

echo
echo "test: ALL PASSED"
