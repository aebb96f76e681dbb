#!/usr/bin/env bash
# Packages the dockwise VS Code extension for one platform, with the server binary inside.
#
#   scripts/package.sh [--target linux-x64] [--binary PATH] [--out DIR]
#
# Without --binary, builds dockwise in release mode (cargo build --release -p dockwise, in
# $CARGO_TARGET_DIR or the workspace's target/). The binary is staged as server/dockwise
# (server/dockwise.exe for win32-*) with mode 755, the extension is type-checked and bundled
# with esbuild, and vsce writes OUT/dockwise-TARGET-VERSION.vsix (its path is the last line
# printed). Needs Node 20+ and npm; installs the npm dependencies with `npm ci` when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
target=linux-x64 binary="" out="$here"
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$target" in
  win32-x64|win32-arm64|linux-x64|linux-arm64|linux-armhf|darwin-x64|darwin-arm64|alpine-x64|alpine-arm64) ;;
  *) echo "package.sh: unsupported --target $target" >&2; exit 2 ;;
esac

if [ -z "$binary" ]; then
  host="$(uname -s)-$(uname -m)"
  if [ "$target" != linux-x64 ] || [ "$host" != Linux-x86_64 ]; then
    echo "package.sh: cannot build for $target on $host; pass --binary" >&2; exit 2
  fi
  (cd "$repo" && cargo build --release --locked -p dockwise)
  binary="${CARGO_TARGET_DIR:-$repo/target}/release/dockwise"
fi
[ -f "$binary" ] || { echo "package.sh: no binary at $binary" >&2; exit 2; }

exe=dockwise; case "$target" in win32-*) exe=dockwise.exe ;; esac
rm -rf "$here/server" && mkdir -p "$here/server"
cp "$binary" "$here/server/$exe"
chmod 755 "$here/server/$exe"

cd "$here"
[ -d node_modules/vscode-languageclient ] && [ -x node_modules/.bin/vsce ] || npm ci --no-audit --no-fund
npm run --silent typecheck
npm run --silent bundle
mkdir -p "$out"
version="$(node -p 'require("./package.json").version')"
vsix="$(cd "$out" && pwd)/dockwise-$target-$version.vsix"
# --no-dependencies: the bundle holds them. No TTY in CI: vsce never prompts.
node_modules/.bin/vsce package --no-dependencies --target "$target" --out "$vsix" </dev/null
echo "$vsix"
