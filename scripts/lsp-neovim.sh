#!/usr/bin/env bash
# Opens a map file in headless Neovim (its built-in LSP client) with `counterpoint lsp` as the
# server, and prints the diagnostics Neovim received, one a line: 0-based line:column ranges as
# Neovim holds them (columns in bytes), severity, code, message.
#
#   scripts/lsp-neovim.sh arguments/00-debate.argdown [SOURCES_DIR]
#
# Needs `nvim` (Debian's `neovim` package, 0.7 or later). The test
# `lsp::neovim_receives_the_diagnostics` does the same on a small map.
set -euo pipefail
cd "$(dirname "$0")/.."
map="$(realpath "${1:?usage: scripts/lsp-neovim.sh FILE.argdown [SOURCES_DIR]}")"
cargo build --quiet
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
COUNTERPOINT="$PWD/target/debug/counterpoint" MAP="$map" OUT="$out" \
  SOURCES="${2:+$(realpath "$2")}" \
  timeout 60 nvim --headless --clean -c "luafile editors/neovim/check.lua" >/dev/null
cat "$out"
