#!/usr/bin/env bash
# Builds the release and serves it locally with live rebuild: http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO_ROOT"
setup_build_tools
port="${PORT:-8080}"
say "serving the reader at http://127.0.0.1:$port/ (Ctrl-C stops)"
exec trunk serve --release --port "$port"
