# Installs what the build and the tests need, skipping whatever is already present at the
# right version. Sourced by scripts/serve.sh and scripts/test.sh; safe to run again.
#
# Needs only rustup, cargo, node and npm (and apt-get, as root or with sudo, for browsers).

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen pin in Cargo.toml
WASM_OPT_VERSION=version_132 # binaryen 132 from npm, pinned in package.json

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

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
    # npm packages (package-lock.json): wasm-opt, and axe-core for the accessibility tests.
    if ! wasm-opt --version 2>/dev/null | grep -q "($WASM_OPT_VERSION)" \
        || [ ! -f "$REPO_ROOT/node_modules/axe-core/axe.min.js" ]; then
        say "installing npm packages: wasm-opt ($WASM_OPT_VERSION), axe-core"
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

# The browser engine of the end-to-end tests and its WebDriver server.
setup_browser() {
    case "${E2E_BROWSER:-chromium}" in
    chromium)
        if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
            say "installing Debian's chromium and chromium-driver"
            apt_install chromium chromium-driver
        fi
        ;;
    *)
        echo "E2E_BROWSER=${E2E_BROWSER}: only chromium is set up so far" >&2
        return 1
        ;;
    esac
}
