#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run) and as a newcomer runs it:
# installs what the tests need, then format check, clippy, every cargo test (unit, snapshot,
# end-to-end over JSON-RPC), the real-editor tests (Neovim; the VS Code extension in a headless
# code-server, see tests/editors.sh for what it installs), and the corpus check when
# ../shared/corpus is present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }

install_apt() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

step "Installing test dependencies"
missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v strace >/dev/null 2>&1 || missing+=(strace)
if [ ${#missing[@]} -gt 0 ]; then install_apt "${missing[@]}"; else echo "all present"; fi

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "Lints (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Cargo tests (unit, snapshots, end-to-end)"
cargo test --workspace --locked

step "Real editor: Neovim (built-in LSP client)"
cargo build --locked --bin dockwise
tests/nvim/run.sh target/debug/dockwise

step "Editor integrations: Neovim plugin, VS Code extension (.vsix, and in code-server)"
tests/editors.sh target/debug/dockwise

if [ -d ../shared/corpus ]; then
  step "Corpus: no error-severity diagnostic on real-world Dockerfiles"
  tests/corpus.sh target/debug/dockwise
else
  step "Corpus: ../shared/corpus not present, skipped"
fi

step "All tests passed"
