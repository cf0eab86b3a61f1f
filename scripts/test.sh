#!/usr/bin/env bash
# Runs every test: formatting and lints, the core's native tests, then the release build in
# dist/ end to end in each browser engine: Chromium, Firefox and WebKit. E2E_BROWSER may name
# fewer for local work (e.g. E2E_BROWSER=firefox). Installs what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO_ROOT"
read -ra engines <<<"${E2E_BROWSER:-chromium firefox webkit}"
setup_build_tools
setup_browser "${engines[@]}"

say "format and lints"
cargo fmt --all -- --check
# The app twice: as prerendered at build time (ssr, native) and as run in the browser (csr).
cargo clippy --workspace --all-targets --features reader-core/pipeline,reader/ssr -- -D warnings
cargo clippy -p reader --target wasm32-unknown-unknown --features csr -- -D warnings

say "native tests of the core"
cargo test -p reader-core --features pipeline

say "native tests of the app's prerendering"
cargo test -p reader --features ssr --lib

say "tests of the build scripts"
node --test scripts/build/

say "release build"
trunk build --release

say "an added article changes the library's files, not the app"
# A second build with one article more (READER_EXTRA_ARTICLES, as the benchmark uses): the
# WebAssembly and its JavaScript glue must be byte for byte the same files.
check="target/content-check"
rm -rf "$check" && mkdir -p "$check/articles"
cat >"$check/articles/a-second-article.md" <<'EOF'
+++
slug = "a-second-article"
title = "A second article"
byline = "A. Writer"
publication = "The Test Paper"
date = "2026-11-30"
+++

One paragraph is enough to make an article.
EOF
READER_EXTRA_ARTICLES="$REPO_ROOT/$check/articles" trunk build --release --dist "$check/dist"
for app in dist/reader-*_bg.wasm dist/reader-*.js; do
    cmp "$app" "$check/dist/$(basename "$app")"
done
ls "$check"/dist/articles/a-second-article/article-*.json >/dev/null
echo "the app is the same with one article more: $(basename dist/reader-*_bg.wasm)"

for engine in "${engines[@]}"; do
    say "end-to-end tests in $engine"
    if [ "$engine" = webkit ]; then
        # MiniBrowser needs a display; a virtual one (its --headless mode hangs).
        E2E_BROWSER=webkit xvfb-run -a -s "-screen 0 1920x1200x24" \
            cargo test -p browser-tests -- --test-threads=1
    else
        E2E_BROWSER="$engine" cargo test -p browser-tests -- --test-threads=1
    fi
done
