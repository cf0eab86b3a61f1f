#!/usr/bin/env bash
# Runs every test: formatting and lints, the core's native tests, then the release build in
# dist/ end to end in a real browser (E2E_BROWSER, default chromium). Installs what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO_ROOT"
setup_build_tools
setup_browser

say "format and lints"
cargo fmt --all -- --check
# The app twice: as prerendered at build time (ssr, native) and as run in the browser (csr).
cargo clippy --workspace --all-targets --features reader-core/pipeline,reader/ssr -- -D warnings
cargo clippy -p reader --target wasm32-unknown-unknown --features csr -- -D warnings

say "native tests of the core"
cargo test -p reader-core --features pipeline

say "native tests of the app's prerendering"
cargo test -p reader --features ssr --lib

say "release build"
trunk build --release

say "end-to-end tests in ${E2E_BROWSER:-chromium}"
cargo test -p browser-tests -- --test-threads=1
