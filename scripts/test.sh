#!/usr/bin/env bash
# Runs every test: formatting and lints, the core's native tests, then the release build in
# dist/ end to end in each browser engine: Chromium, Firefox and WebKit. E2E_BROWSER may name
# fewer for local work (e.g. E2E_BROWSER=firefox). Installs what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO_ROOT"
read -ra engines <<<"${E2E_BROWSER:-chromium firefox webkit}"
setup_build_tools
# Each engine's suite also restores a backup in a second engine, its partner
# (tests/browser/src/engine.rs): Firefox for Chromium, WebKit for Firefox, Chromium for WebKit.
partner_of() {
    case "$1" in chromium) echo firefox ;; firefox) echo webkit ;; *) echo chromium ;; esac
}
partners=()
for engine in "${engines[@]}"; do partners+=("$(partner_of "$engine")"); done
setup_browser "${engines[@]}" "${partners[@]}"

say "format and lints"
cargo fmt --all -- --check
# The app twice: as prerendered at build time (ssr, native) and as run in the browser (csr;
# lazy, with its parts split off, is how Trunk builds the app itself).
cargo clippy --workspace --all-targets --features reader-core/pipeline,reader/ssr -- -D warnings
cargo clippy -p reader --target wasm32-unknown-unknown --features csr -- -D warnings
cargo clippy -p reader --target wasm32-unknown-unknown --features lazy --bin reader -- -D warnings
cargo clippy -p reader --target wasm32-unknown-unknown --features csr,extract --bin extractor -- -D warnings

say "native tests of the core"
cargo test -p reader-core --features pipeline

say "native tests of extraction (Mozilla's 130 Readability test pages)"
cargo test -p reader-import

say "native tests of the app's prerendering"
cargo test -p reader --features ssr --lib

say "tests of the build scripts"
node --test scripts/build/

say "release build"
trunk build --release

say "a second library: one article more, over the offline budget"
# The library with one long article more (READER_EXTRA_ARTICLES, as the benchmark uses) and an
# offline budget of 200 KB of articles, which the long one exceeds: the end-to-end tests read
# it (tests/browser/tests/offline_budget.rs). Its WebAssembly, its lazy parts and JavaScript
# glue must be byte for byte the app's: an article changes the library's files, never the app.
check="target/content-check"
rm -rf "$check" && mkdir -p "$check/articles"
{
    printf '+++\nslug = "a-long-new-article"\ntitle = "A long new article"\nbyline = "Åsa Writer"\n'
    printf 'publication = "The Test Paper"\ndate = "2026-11-30"\n+++\n\n'
    for i in $(seq 1 2500); do
        printf 'Paragraph %d of a long article, too long for the offline budget of this build.\n\n' "$i"
    done
} >"$check/articles/a-long-new-article.md"
READER_EXTRA_ARTICLES="$REPO_ROOT/$check/articles" READER_OFFLINE_BUDGET_BYTES=200000 \
    trunk build --release --dist "$check/dist"
for app in dist/reader-*_bg.wasm dist/reader-*.js dist/wasm-split-*/*; do
    cmp "$app" "$check/dist/${app#dist/}"
done
ls "$check"/dist/articles/a-long-new-article/article-*.json >/dev/null
echo "the app is the same with one article more: $(basename dist/reader-*_bg.wasm)"

for engine in "${engines[@]}"; do
    say "end-to-end tests in $engine"
    if [ "$engine" = webkit ] || [ "$(partner_of "$engine")" = webkit ]; then
        # MiniBrowser needs a display; a virtual one (its --headless mode hangs).
        E2E_BROWSER="$engine" xvfb-run -a -s "-screen 0 1920x1200x24" \
            cargo test -p browser-tests -- --test-threads=1
    else
        E2E_BROWSER="$engine" cargo test -p browser-tests -- --test-threads=1
    fi
done
