#!/usr/bin/env bash
# Real-editor test: Neovim's own LSP client against dockwise, headless.
# Usage: tests/nvim/run.sh PATH/TO/dockwise
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dockwise="$(realpath "$1")"
nvim_bin="${NVIM:-nvim}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# No user configuration, and Neovim's state files in the scratch directory.
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
       XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"

run_case() { # name file hover_line hover_col expected_code expected_hover_text
  local name="$1" out="$scratch/$1.json"
  cp "$2" "$scratch/Dockerfile"
  DOCKWISE="$dockwise" TEST_FILE="$scratch/Dockerfile" TEST_OUT="$out" \
    TEST_HOVER_LINE="$3" TEST_HOVER_COL="$4" \
    timeout 60 "$nvim_bin" --headless --clean -n -i NONE -c "luafile $here/lsp_test.lua" \
    </dev/null >"$scratch/$name.log" 2>&1 || true
  if [ ! -s "$out" ]; then
    echo "nvim: $name: no result"; cat "$scratch/$name.log"; return 1
  fi
  python3 - "$out" "$5" "$6" "$name" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
code, hover_text, name = sys.argv[2], sys.argv[3], sys.argv[4]
problems = [c["name"] + (f" ({c['detail']})" if c.get("detail") else "") for c in result["checks"] if not c["ok"]]
if not any(d.get("code") == code for d in result["diagnostics"]):
    problems.append(f"no `{code}` diagnostic in {result['diagnostics']}")
hover = result["hover"] if isinstance(result["hover"], str) else ""
if hover_text.lower() not in hover.lower():
    problems.append(f"hover does not mention {hover_text!r}: {hover[:200]!r}")
if problems:
    print(f"nvim: {name}: FAILED: " + "; ".join(problems))
    sys.exit(1)
print(f"nvim: {name}: ok ({len(result['diagnostics'])} diagnostics, hover {len(hover)} chars)")
PY
}

"$nvim_bin" --version | head -1
run_case dockerfile "$here/Dockerfile" 2 1 unknown-instruction "COPY"
