#!/usr/bin/env bash
# Runs the property tests over untrusted input (stored values, import files, article Markdown;
# core/tests/untrusted_input.rs) for many more cases than the test command does: 200,000 each
# by default, about 5 minutes on 2 cores. PROPTEST_CASES=N sets another number.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PROPTEST_CASES="${PROPTEST_CASES:-200000}"
echo "==> property tests over untrusted input, $PROPTEST_CASES cases each" >&2
cargo test --release -p reader-core --features pipeline --test untrusted_input -- --nocapture
