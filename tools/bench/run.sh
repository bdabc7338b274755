#!/usr/bin/env bash
# The benchmark in one command (issue 11): installs what it needs (tools/setup.sh --browser:
# wasm-bindgen-cli, Debian chromium, npm ci for playwright-core, uplot, lightweight-charts),
# builds the page when src/ is newer than the wasm, then runs tools/bench/bench.mjs.
#   tools/bench/run.sh [--rounds 7] [--quick] [--no-native] [--no-memory] [--compare DIR] ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
tools/setup.sh --browser >&2
exec node tools/bench/bench.mjs "$@"
