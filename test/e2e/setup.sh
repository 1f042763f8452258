#!/usr/bin/env bash
# Installs what the end-to-end test needs, outside the repo tree:
#   - Debian packages: chromium, ripgrep, and the headers code-server's native modules build against
#   - code-server (a real VS Code, served to a browser) and playwright-core, into $SHIPSHAPE_E2E_CACHE
# Idempotent: does nothing when everything is already there.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1
CACHE="${SHIPSHAPE_E2E_CACHE:-$HOME/.cache/shipshape-e2e}"
STAMP="$CACHE/.installed-$CODE_SERVER_VERSION-$PLAYWRIGHT_CORE_VERSION"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/krb5.h ] || need_apt+=(libkrb5-dev)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  log "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# One install at a time into a given cache (a developer's run and CI's may overlap).
mkdir -p "$(dirname "$CACHE")"
exec 9>"$CACHE.lock"
flock 9

if [ -e "$STAMP" ]; then
  log "cache ready: $CACHE"
  exit 0
fi
if [ -d "$CACHE" ] && [ -n "$(ls -A "$CACHE")" ] && ! grep -qs '"shipshape-e2e-cache"' "$CACHE/package.json"; then
  log "$CACHE is not empty and was not made by this script: set SHIPSHAPE_E2E_CACHE to another folder"
  exit 1
fi

start=$(date +%s)
log "installing code-server $CODE_SERVER_VERSION and playwright-core into $CACHE"
rm -rf "$CACHE"
mkdir -p "$CACHE"
cd "$CACHE"
cat > package.json <<JSON
{ "name": "shipshape-e2e-cache", "private": true }
JSON
# node-gyp builds against the installed Node's headers instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$(dirname "$(dirname "$(command -v node)")")/include/node/node.h" ]; then
  npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  export npm_config_nodedir
fi
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
npm install --ignore-scripts --no-save --loglevel=error \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"

VS="$CACHE/node_modules/code-server/lib/vscode"
(
  cd "$VS"
  npm install --omit=dev --ignore-scripts --loglevel=error
  npm rebuild --foreground-scripts --loglevel=error \
    kerberos node-pty @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog >/dev/null
  # @vscode/ripgrep's postinstall downloads a binary; Debian's rg serves.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --ignore-scripts --loglevel=error)
)
npm rebuild --foreground-scripts --build-from-source --loglevel=error argon2 >/dev/null

# Check that the native modules really load (npm 11 may skip install scripts silently).
(cd "$VS" && node -e '
  for (const m of ["kerberos", "node-pty", "@parcel/watcher", "@vscode/spdlog", "native-watchdog"]) require(m);
') || { log "a native module of code-server did not build"; exit 1; }
node -e 'require("argon2")' || { log "argon2 did not build"; exit 1; }

touch "$STAMP"
log "installed in $(( $(date +%s) - start ))s"
