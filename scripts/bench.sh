#!/usr/bin/env bash
# Benchmarks (not tests): builds the release, measures size, first paint, anchoring, the
# 100,000-word article, storage and a library of 1 against 1,000 articles, prints the figures
# and rewrites docs/benchmarks.md.
# Installs what is missing (scripts/setup.sh; gzip and brotli from Debian). Takes ~45 minutes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REPO_ROOT"
setup_build_tools
setup_browser
command -v gzip >/dev/null || apt_install gzip
command -v brotli >/dev/null || apt_install brotli

say "release build (dist/)"
trunk build --release

say "extraction of saved pages, on Mozilla's Readability test pages (docs/extraction.md)"
cargo run --release --quiet -p reader-import --bin readability-pages >docs/extraction.md
sed -n '5,14p' docs/extraction.md

say "anchoring, natively (criterion)"
mkdir -p target/bench
cargo bench -p reader-core --bench anchoring | tee target/bench/anchoring.txt

say "the long article, in a build of its own (target/bench-dist/; never in dist/)"
cargo build -p browser-tests --bin bench
./target/debug/bench prepare "$REPO_ROOT/target/bench/articles"
READER_EXTRA_ARTICLES="$REPO_ROOT/target/bench/articles" \
    trunk build --release --dist target/bench-dist

say "growth: the library of 1 article and a generated one of 1,000, each build timed"
./target/debug/bench prepare-library "$REPO_ROOT/target/bench/library"
# Each build follows a change of READER_EXTRA_ARTICLES, so both redo the same work (the
# prerenderer recompiled with its articles, every page, the service worker).
timed_build() { # <articles> [trunk build arguments…]
    local n=$1 start=$EPOCHREALTIME
    shift
    trunk build --release --dist "target/bench-library-$n" "$@"
    awk "BEGIN { print $EPOCHREALTIME - $start }" > "target/bench/build-seconds-$n.txt"
}
timed_build 1
READER_EXTRA_ARTICLES="$REPO_ROOT/target/bench/library" timed_build 1000

say "adding the reader's own articles in Chromium: 100 saved pages, one of 5 MB (docs/adding-articles.md)"
READER_BENCH_DOC="$REPO_ROOT/docs/adding-articles.md" E2E_BROWSER=chromium \
    cargo test -p browser-tests --test own_articles_bench -- --ignored --nocapture

say "what the reader's own articles cost the main module: a build without them (docs/adding-articles.md)"
./scripts/bench/own-articles-size.sh >>docs/adding-articles.md
tail -n 8 docs/adding-articles.md

say "browser and storage figures, docs/benchmarks.md"
./target/debug/bench run
