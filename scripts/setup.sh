# Installs what the build and the tests need, skipping whatever is already present at the
# right version. Sourced by scripts/serve.sh and scripts/test.sh; safe to run again.
#
# Needs only rustup, cargo, node and npm (and apt-get, as root or with sudo, for browsers).

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen pin in Cargo.toml
WASM_OPT_VERSION=version_132 # binaryen 132 from npm, pinned in package.json
ESBUILD_VERSION=0.28.2 # from npm, pinned in package.json
GECKODRIVER_VERSION=0.37.1     # Firefox's WebDriver server, from crates.io
WASM_SPLIT_VERSION=0.2.4       # wasm-split-cli (crate wasm_split_cli_support): the app's lazy parts
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser # as in tests/browser/src/engine.rs

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# scripts/build/bin first: its wasm-bindgen splits the app's lazy parts off before running the
# real one (Trunk runs the first wasm-bindgen of the pinned version on PATH).
export PATH="$REPO_ROOT/scripts/build/bin:$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

setup_build_tools() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
    if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
        say "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores)"
        cargo install trunk --version "=$TRUNK_VERSION" --locked
    fi
    if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
        say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 7 minutes)"
        # --locked fails for this version on current toolchains; the exact version pin stays.
        cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
    fi
    if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
        say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes)"
        cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary --locked
    fi
    # npm packages (package-lock.json): wasm-opt, esbuild (scripts/build/minify.mjs), and
    # axe-core for the accessibility tests.
    if ! wasm-opt --version 2>/dev/null | grep -q "($WASM_OPT_VERSION)" \
        || ! esbuild --version 2>/dev/null | grep -qx "$ESBUILD_VERSION" \
        || [ ! -f "$REPO_ROOT/node_modules/axe-core/axe.min.js" ]; then
        say "installing npm packages: wasm-opt ($WASM_OPT_VERSION), esbuild $ESBUILD_VERSION, axe-core"
        (cd "$REPO_ROOT" && npm ci --no-audit --no-fund)
    fi
}

apt_updated=""
apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [ -z "$apt_updated" ]; then
        $sudo apt-get update -q
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
}

# The browser engines of the end-to-end tests and their WebDriver servers: those named
# (chromium, firefox, webkit), or chromium alone when none is named.
setup_browser() {
    local engine version
    for engine in "${@:-chromium}"; do
        case "$engine" in
        chromium)
            if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
                say "installing Debian's chromium and chromium-driver"
                apt_install chromium chromium-driver
            fi
            ;;
        firefox)
            if ! command -v firefox-esr >/dev/null; then
                say "installing Debian's firefox-esr"
                apt_install firefox-esr
            fi
            # Read whole: geckodriver panics when a pipe closes before it has written all.
            version="$(geckodriver --version 2>/dev/null || true)"
            if [ "${version%%$'\n'*}" != "geckodriver $GECKODRIVER_VERSION" ]; then
                say "installing geckodriver $GECKODRIVER_VERSION (about 5 minutes)"
                cargo install geckodriver --version "=$GECKODRIVER_VERSION" --locked
            fi
            ;;
        webkit)
            # WebKitWebDriver drives MiniBrowser (in libwebkit2gtk-4.1-0, a dependency), which
            # needs a display: xvfb-run gives it a virtual one (xauth is only recommended).
            if ! command -v WebKitWebDriver >/dev/null || [ ! -x "$MINIBROWSER" ]; then
                say "installing Debian's webkit2gtk-driver"
                apt_install webkit2gtk-driver
            fi
            if ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null; then
                say "installing Debian's xvfb and xauth"
                apt_install xvfb xauth
            fi
            ;;
        *)
            echo "unknown browser engine '$engine': expected chromium, firefox or webkit" >&2
            return 1
            ;;
        esac
    done
}
