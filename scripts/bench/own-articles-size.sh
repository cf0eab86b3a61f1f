#!/usr/bin/env bash
# What the reader's own articles cost the first download: the release build in dist/ (built
# before this runs) against the same commit built with their roots stubbed out
# (scripts/bench/own-articles-stub.patch: the store's functions return at once, the "Add
# articles" section, the library's "Added by you" filter and Delete are left out, the tabs'
# sync does nothing, no slug is the reader's own, body figures are not drawn, a backup's
# articles are not restored). Prints a Markdown section (scripts/bench.sh appends it to
# docs/adding-articles.md). The issue's budget: at most 30 KB brotli more in the main module.
#
# The stubbed build is made in a git worktree of its own (target/bench/own-stub) with a target
# folder of its own: two worktrees must never share one. It builds HEAD, so the figures compare
# like with like only when dist/ was built from a clean tree. When the patch no longer applies
# (the code it stubs changed), mend it: make the same stubs on the new code and
# `git diff > scripts/bench/own-articles-stub.patch` in the worktree.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"
cd "$REPO_ROOT"
command -v brotli >/dev/null || apt_install brotli

[[ -z "$(git status --porcelain --untracked-files=no -- src core import index.html Cargo.toml Cargo.lock Trunk.toml)" ]] ||
    echo "warning: the code has changes; dist/ holds them, the stubbed build (HEAD) does not" >&2
tree=target/bench/own-stub
git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
git worktree prune
git worktree add --detach "$tree" HEAD >/dev/null
if ! git -C "$tree" apply "$REPO_ROOT/scripts/bench/own-articles-stub.patch"; then
    echo "scripts/bench/own-articles-stub.patch no longer applies to HEAD: mend it (see above)" >&2
    exit 1
fi
# Into an empty folder: built over an earlier run's, the post-build hook found 404.html already
# carrying its policy and stopped (3 December 2026).
rm -rf "$REPO_ROOT/target/bench/own-stub-dist"
(cd "$tree" && CARGO_TARGET_DIR="$REPO_ROOT/target/bench/own-stub-target" \
    trunk build --release --dist "$REPO_ROOT/target/bench/own-stub-dist") >&2
git worktree remove --force "$tree"

brotli_size() { brotli -c -q 11 "$1" | wc -c; }
bytes() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; } # 1234567 -> 1,234,567
one() { # <folder> <glob>: the one file (or folder) of the folder the glob names
    local files=("$1"/$2)
    [[ ${#files[@]} == 1 && -e ${files[0]} ]] || { echo "expected one $2 in $1" >&2; exit 1; }
    echo "${files[0]}"
}
stub=target/bench/own-stub-dist
wasm=$(brotli_size "$(one dist 'reader-*_bg.wasm')")
wasm_stub=$(brotli_size "$(one $stub 'reader-*_bg.wasm')")
glue=$(brotli_size "$(one dist 'reader-*.js')")
glue_stub=$(brotli_size "$(one $stub 'reader-*.js')")
part=$((wasm - wasm_stub))
# The app's lazy parts (the library and its lower sections, "Add articles" among them, the
# dialogs, highlighting): not in the first download of an article, each fetched on first use.
parts_size() { # <build>: the brotli bytes of all its lazy parts
    local sum=0 part
    for part in "$(one "$1" 'wasm-split-*')"/*.wasm; do sum=$((sum + $(brotli_size "$part"))); done
    echo "$sum"
}
lazy=$(parts_size dist)
lazy_stub=$(parts_size $stub)
verdict=met
((part <= 30000)) || verdict="**missed**"

cat <<EOF

## What they cost the first download

The release build against the same commit built with the reader's own articles stubbed out
(\`scripts/bench/own-articles-stub.patch\`: the store's functions return at once; the "Add
articles" section, the library's "Added by you" filter and Delete are left out; the tabs' sync
does nothing; no slug is the reader's own; body figures are not drawn; a backup's articles are
not restored). Bytes brotli (quality 11); 1 KB = 1,000 bytes.

| Build | Main module | JavaScript glue | Lazy parts (the library, its lower sections, the dialogs, highlighting) |
|---|---|---|---|
| The app | $(bytes $wasm) | $(bytes $glue) | $(bytes $lazy) |
| Without the reader's own articles | $(bytes $wasm_stub) | $(bytes $glue_stub) | $(bytes $lazy_stub) |
| **The reader's own articles** | **$(bytes $part)** | $(bytes $((glue - glue_stub))) | $(bytes $((lazy - lazy_stub))) |

Budget: the main module grows by at most 30 KB brotli for listing, storing and showing the
reader's articles: $verdict. Left in by the stubs, so not counted: the worker jobs' enum arms
for a reader's file and the Undo's slot for an article (a few hundred bytes at most). Neither
the "Add articles" section nor the extraction is in the first download of an article: the
section is in the app's lazy parts, fetched when the library is drawn (their own column above),
the extraction in the extraction worker, loaded when the reader first adds articles.
EOF
