#!/usr/bin/env bash
# End-to-end test of the packaged extension in a real VS Code (code-server) driven by headless Chromium.
# Run from anywhere; CI calls it from the repo root. See test/e2e/README.md.
#
#   SHIPSHAPE_E2E_CACHE   where code-server and playwright-core are installed (default ~/.cache/shipshape-e2e)
#   SHIPSHAPE_E2E_VSIX    test this .vsix instead of building one with `npm run package`
#   SHIPSHAPE_E2E_KEEP=1  keep the temporary user-data-dir and workspace (the path is printed)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
export SHIPSHAPE_E2E_CACHE="${SHIPSHAPE_E2E_CACHE:-$HOME/.cache/shipshape-e2e}"
RESULTS="$ROOT/test-results/e2e"
CODE_SERVER="$SHIPSHAPE_E2E_CACHE/node_modules/code-server/out/node/entry.js"

log() { printf '[e2e] %s\n' "$*" >&2; }
t0=$(date +%s)

# 1. Tools (installed once into the cache, reused afterwards).
bash test/e2e/setup.sh
t_setup=$(($(date +%s) - t0))

# 2. The extension under test.
if [ -n "${SHIPSHAPE_E2E_VSIX:-}" ]; then
  VSIX="$(cd "$(dirname "$SHIPSHAPE_E2E_VSIX")" && pwd)/$(basename "$SHIPSHAPE_E2E_VSIX")"
else
  npm run --silent package
  VSIX="$ROOT/shipshape-$(node -p 'require("./package.json").version').vsix"
fi
[ -f "$VSIX" ] || { log "no .vsix at $VSIX"; exit 1; }
VSIX_BYTES=$(stat -c %s "$VSIX")
log "vsix: $VSIX ($VSIX_BYTES bytes, $((VSIX_BYTES / 1024)) KiB)"

# 3. A fresh user-data-dir, extensions dir and copy of the fixture workspace.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/shipshape-e2e.XXXXXX")"
CS_PID=
cleanup() {
  local rc=$?
  if [ -n "$CS_PID" ] && kill -0 "$CS_PID" 2>/dev/null; then
    # code-server runs in its own process group (setsid below): end the group, i.e. it and its children.
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  [ -d "$TMP/user-data/logs" ] && cp -r "$TMP/user-data/logs" "$RESULTS/vscode-logs" 2>/dev/null || true
  if [ "${SHIPSHAPE_E2E_KEEP:-}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

WORKSPACE="$TMP/workspace"
USER_DATA="$TMP/user-data"
EXTENSIONS="$TMP/extensions"
cp -r test/e2e/fixtures/workspace "$WORKSPACE"
mkdir -p "$USER_DATA/User" "$EXTENSIONS" "$TMP/xdg-config" "$TMP/xdg-data"
cat > "$USER_DATA/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.editor.enablePreview": false,
  "workbench.colorTheme": "Default Light Modern",
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "git.enabled": false,
  "chat.commandCenter.enabled": false,
  "editor.minimap.enabled": false,
  "editor.stickyScroll.enabled": false,
  "editor.hover.delay": 300,
  "files.autoSave": "off",
  "editor.codeActionsOnSave": { "source.fixAll.shipshape": "explicit" }
}
JSON
# code-server writes its config.yaml under XDG_CONFIG_HOME: keep it out of the user's home.
export XDG_CONFIG_HOME="$TMP/xdg-config" XDG_DATA_HOME="$TMP/xdg-data"

node "$CODE_SERVER" --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" \
  --install-extension "$VSIX" > "$RESULTS/install-extension.log" 2>&1 \
  || { cat "$RESULTS/install-extension.log" >&2; log "installing the .vsix failed"; exit 1; }
# A clean install prints only code-server's info lines, "Installing extensions..." and "... was successfully
# installed."; anything else (a warning about the manifest, an engine mismatch, a deprecation) fails the run.
unexpected=$(grep -Ev '^\[[^]]*\] info |^Installing extensions\.\.\.$|^Extension .* was successfully installed\.$|^\s*$' \
  "$RESULTS/install-extension.log" || true)
if [ -n "$unexpected" ] || ! grep -q 'was successfully installed\.$' "$RESULTS/install-extension.log"; then
  cat "$RESULTS/install-extension.log" >&2
  log "installing the .vsix printed more than info lines and the success message (see above)"
  exit 1
fi
log "installed without warnings: $(grep 'was successfully installed' "$RESULTS/install-extension.log")"

# 4. code-server on a free loopback port.
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
setsid node "$CODE_SERVER" --user-data-dir "$USER_DATA" --extensions-dir "$EXTENSIONS" \
  --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$WORKSPACE" > "$RESULTS/code-server.log" 2>&1 &
CS_PID=$!
URL="http://127.0.0.1:$PORT"
node -e '
  const url = process.argv[1], end = Date.now() + 60000;
  (async () => {
    for (;;) {
      try { if ((await fetch(url + "/healthz")).ok) return; } catch {}
      if (Date.now() > end) { console.error("[e2e] code-server did not answer on " + url + " within 60 s"); process.exit(1); }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
' "$URL" || { tail -n 30 "$RESULTS/code-server.log" >&2; exit 1; }
log "code-server $(node -p "require('$SHIPSHAPE_E2E_CACHE/node_modules/code-server/package.json').version") on $URL (setup ${t_setup}s)"

# 5. The scenarios.
t_drive=$(date +%s)
E2E_URL="$URL/?folder=$WORKSPACE" E2E_WORKSPACE="$WORKSPACE" E2E_RESULTS="$RESULTS" E2E_VSIX_BYTES="$VSIX_BYTES" \
  node test/e2e/e2e.mjs
log "passed: setup ${t_setup}s, driver $(($(date +%s) - t_drive))s, total $(($(date +%s) - t0))s"
