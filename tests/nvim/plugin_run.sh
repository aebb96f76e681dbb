#!/usr/bin/env bash
# Real-editor test of the Neovim plugin (editors/neovim), headless, through its own setup{}.
# Usage: tests/nvim/plugin_run.sh PATH/TO/dockwise   (NVIM=... picks another Neovim)
# Prints one line per check ("ok ..." / "FAIL ...") and exits non-zero when one fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin="$(cd "$here/../../editors/neovim" && pwd)"
dockwise="$(realpath "$1")"
nvim_bin="${NVIM:-nvim}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
       XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
work="$scratch/project"
mkdir -p "$work/samples"
printf 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN echo hello\n' >"$work/Dockerfile"
printf 'version: "3.8"\nservices:\n  web:\n    image: nginx:latest\n' >"$work/compose.yaml"
for f in Dockerfile Containerfile api.Dockerfile Dockerfile.dev Containerfile.prod \
         compose.yaml docker-compose.yml compose.prod.yml docker-compose.override.yaml other.yaml; do
  : >"$work/samples/$f"
done
out="$scratch/result.json"
DOCKWISE="$dockwise" TEST_DIR="$work" TEST_OUT="$out" \
  timeout -k 5 60 "$nvim_bin" --headless --clean -n -i NONE --cmd "set rtp^=$plugin" \
  -c "luafile $here/plugin_test.lua" </dev/null >"$scratch/nvim.log" 2>&1 || true
if [ ! -s "$out" ]; then
  echo "FAIL nvim plugin: no result"; cat "$scratch/nvim.log"; exit 1
fi
python3 - "$out" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
bad = 0
for c in result["checks"]:
    line = f"nvim {result['version']} plugin ({result['api']}): {c['name']}"
    if c["ok"]:
        print("ok   " + line)
    else:
        bad += 1
        print("FAIL " + line + (f"  -- {c['detail']}" if c.get("detail") else ""))
sys.exit(1 if bad else 0)
PY
