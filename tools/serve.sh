#!/usr/bin/env bash
# Build, then serve www/ on http://127.0.0.1:${PORT:-8000}/ (Ctrl-C stops it). Run from anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools/build.sh

PORT="${PORT:-8000}"
echo "Serving at http://127.0.0.1:$PORT/"
exec python3 tools/server.py "$PORT" www
