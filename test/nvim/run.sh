#!/usr/bin/env bash
# A second editor: Debian's Neovim (0.7+, built-in LSP client) runs the Shipshape server with test/nvim/init.lua,
# opens the seed Dockerfile headless, and must get shipshape(dockerfile/no-root-user) on line 1.
# Run from anywhere; exits non-zero when the server does not start or the finding does not arrive.
#
#   SHIPSHAPE_SERVER            server to test (default server/out/server.js, built with `npm run build` if missing)
#   SHIPSHAPE_NVIM_FIXTURE      Dockerfile to open (default test/nvim/fixtures/Dockerfile)
#   SHIPSHAPE_NVIM_TIMEOUT_MS   how long to wait for diagnostics (default 15000)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
RESULTS="$ROOT/test-results/nvim"
FIXTURE="${SHIPSHAPE_NVIM_FIXTURE:-test/nvim/fixtures/Dockerfile}"
log() { printf '[nvim] %s\n' "$*" >&2; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
t0=$(date +%s%N)

# 1. Neovim from Debian, installed on first use (apt-get update only when the package is unknown).
if ! command -v nvim >/dev/null 2>&1; then
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  if ! apt-cache show neovim >/dev/null 2>&1; then
    log "apt-get update (neovim is not in the package lists)"
    $SUDO apt-get update -q
  fi
  log "installing Debian package neovim"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends neovim >&2
fi
NVIM_VERSION=$(nvim --version | head -1)
if ! nvim --headless -u NONE -i NONE -n -c 'if has("nvim-0.7") | qall! | else | cquit 1 | endif' </dev/null >/dev/null 2>&1; then
  log "$NVIM_VERSION is too old: the check needs Neovim 0.7 or later"
  exit 1
fi

# 2. The server.
if [ -z "${SHIPSHAPE_SERVER:-}" ] && [ ! -f server/out/server.js ]; then npm run --silent build; fi
export SHIPSHAPE_SERVER="${SHIPSHAPE_SERVER:-$ROOT/server/out/server.js}"

# 3. Headless Neovim: init.lua starts the server on the Dockerfile, check.lua waits for the diagnostics and writes
#    them to diagnostics.json. Nvim state (shada, swap, lsp.log) goes to a temporary XDG home; no user config or
#    plugins are read.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/shipshape-nvim.XXXXXX")"
trap 'cp "$TMP"/cache/nvim/lsp.log "$RESULTS/" 2>/dev/null || true; rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
export SHIPSHAPE_NVIM_OUT="$RESULTS/diagnostics.json"
t_nvim=$(date +%s%N)
set +e
timeout 60 nvim --headless -i NONE -n -u test/nvim/init.lua -c 'luafile test/nvim/check.lua' "$FIXTURE" \
  </dev/null >"$RESULTS/nvim.log" 2>&1
code=$?
set -e
log "$NVIM_VERSION: exit $code after $(ms "$t_nvim") ms"
if [ ! -s "$SHIPSHAPE_NVIM_OUT" ]; then
  cat "$RESULTS/nvim.log" >&2
  log "FAIL: Neovim wrote no diagnostics file (exit $code)"
  exit 1
fi

# 4. The assertion.
node - "$SHIPSHAPE_NVIM_OUT" "$code" <<'JS'
const [file, code] = process.argv.slice(2);
const r = JSON.parse(require('node:fs').readFileSync(file, 'utf8'));
const list = (r.diagnostics ?? []).map((d) => `${d.lnum}:${d.col} ${d.source}(${d.code}) ${d.message}`);
console.error(`[nvim] Neovim ${r.nvim}, filetype ${r.filetype}, clients [${r.clients}], waited ${r.waited_ms} ms`);
for (const l of list) console.error(`[nvim]   ${l}`);
const why = r.error
  ? `check.lua failed: ${r.error}`
  : r.server_exit
    ? `the server exited (code ${r.server_exit.code}, signal ${r.server_exit.signal}) before publishing diagnostics`
    : r.timed_out
      ? `no diagnostics arrived within the time limit (clients attached: ${r.clients.length ? r.clients : 'none'})`
      : !r.diagnostics.some((d) => d.code === 'dockerfile/no-root-user' && d.source === 'shipshape' && d.lnum === 0)
        ? 'no shipshape(dockerfile/no-root-user) diagnostic on line 1 (lnum 0)'
        : code !== '0'
          ? `nvim exited with ${code}`
          : '';
if (why) {
  console.error(`[nvim] FAIL: ${why}`);
  process.exit(1);
}
console.error('[nvim] PASS: shipshape(dockerfile/no-root-user) on line 1');
JS
log "passed in $(ms "$t0") ms (diagnostics in $RESULTS/diagnostics.json)"
