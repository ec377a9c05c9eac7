#!/usr/bin/env bash
# The main job: check the Alliance–UTLA debate in arguments/ and regenerate everything under docs/
# (the one-screen overview of topics × camps, one diagram per clash, the full diagram as DOT and
# SVG, unanswered points, statuses and strengths, clashes, prep briefs per camp, the HTML report
# and its four screenshots).
#
#   scripts/debate.sh            # sources in ../shared/sources, output in docs/
#   SOURCES=DIR OUT=DIR scripts/debate.sh
#   BIN=target/debug/counterpoint scripts/debate.sh   # this binary, no build
#
# DOT, Markdown, JSON and the overview SVG are deterministic (tests check docs/debate-full.dot,
# docs/overview.* and the names in docs/clashes/ are current); the other SVGs and the PNGs come
# from Graphviz and Chromium and may differ between their versions. Every SVG but
# docs/debate-full.svg must stay legible fitted to 1920x1080 (tests/integration/pictures.rs).
#
# Everything is made in a scratch folder first; a file under OUT is written only when it changed,
# so that a run on an unchanged map leaves the committed files (and their times) as they are. The
# script ends by listing what changed. The binary is built where cargo puts it (CARGO_TARGET_DIR
# and cargo's configuration are honoured).
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCES="${SOURCES:-../shared/sources}"
OUT="${OUT:-docs}"
mkdir -p "$OUT"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

if [ -n "${BIN:-}" ]; then
  cp_bin="$BIN"
else
  target_dir=$(cargo metadata --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
  cp_bin="${target_dir:-target}/release/counterpoint"
  if [ ! -x "$cp_bin" ]; then
    echo "== building counterpoint (release build; the first one takes a few minutes)"
  fi
  cargo build --release --quiet
fi
run() { "$cp_bin" "$@"; }

echo "== check (with citations against $SOURCES)"
if [ -d "$SOURCES" ]; then
  run check --sources "$SOURCES" arguments/
  echo "== coverage"
  run coverage --sources "$SOURCES" arguments/ | tee "$stage/coverage.txt"
else
  echo "note: $SOURCES is absent; citations are not checked against the source texts"
  run check arguments/
fi

echo "== overview: topics x camps, on one screen"
run overview arguments/ -o "$stage/overview.svg"
run overview arguments/ --format markdown -o "$stage/overview.md"

echo "== diagrams"
# The full layered diagram, for completeness (far wider than a screen).
run render arguments/ -o "$stage/debate-full.dot"
rm -f "$OUT/debate.dot" "$OUT/debate.svg" "$OUT/debate-overview.svg" "$OUT/debate-thesis.svg"
if command -v dot >/dev/null 2>&1; then
  run render arguments/ -o "$stage/debate-full.svg"
  # One diagram per clash, each fitting a screen: docs/clashes/01-....svg, most important first.
  mkdir -p "$stage/clashes"
  run clash-diagrams arguments/ -o "$stage/clashes" >/dev/null
else
  echo "note: Graphviz 'dot' is not installed (apt-get install graphviz): SVG, report and screenshots skipped"
fi

echo "== unanswered points (contentions first, then evidence leaves)"
run unanswered arguments/ --all --format markdown > "$stage/unanswered.md"

echo "== status: grounded verdicts with their reasons and hinges, and DF-QuAD strengths"
run status arguments/ > "$stage/status.txt"
run status arguments/ --semantics dfquad > "$stage/strength.txt"

echo "== clashes"
run clashes arguments/ --format markdown > "$stage/clashes.md"

echo "== prep briefs, one per camp of the motion"
for camp in for against; do
  run prep arguments/ --camp "$camp" --format markdown > "$stage/prep-$camp.md"
done

if command -v dot >/dev/null 2>&1; then
  echo "== report"
  # With the sources, the detail panel quotes each citation's lines in context (a report
  # without --sources, from before it was added, is written without them).
  if [ -d "$SOURCES" ] && "$cp_bin" report --help | grep -q -- '--sources'; then
    run report arguments/ --sources "$SOURCES" -o "$stage/report.html"
  else
    run report arguments/ -o "$stage/report.html"
  fi
  browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  if [ -n "$browser" ]; then
    echo "== screenshots of the report at 1280x800"
    rm -f "$OUT/report.png"
    shot() { # shot NAME FRAGMENT
      local profile
      profile=$(mktemp -d)
      "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
        --hide-scrollbars --window-size=1280,800 --virtual-time-budget=5000 \
        --screenshot="$stage/$1" "file://$stage/report.html$2" 2>/dev/null
      rm -rf "$profile"
    }
    shot report-initial.png ""
    shot report-selected.png "#node=s-alliance-teachers-are-better-off"
    shot report-outline.png "#view=outline"
    shot report-clash.png "#view=clashes"
  else
    echo "note: no Chromium (apt-get install chromium): report screenshots skipped"
  fi
fi

echo "== writing what changed into $OUT/"
changed=()
unchanged=0
while IFS= read -r -d '' made; do
  rel="${made#"$stage"/}"
  if cmp -s "$made" "$OUT/$rel"; then
    unchanged=$((unchanged + 1))
  else
    mkdir -p "$(dirname "$OUT/$rel")"
    cp "$made" "$OUT/$rel"
    changed+=("$rel")
  fi
done < <(find "$stage" -type f -print0 | sort -z)
# Clash diagrams of clashes the map no longer has (their names hold the rank and the point).
if [ -d "$stage/clashes" ] && [ -d "$OUT/clashes" ]; then
  for old in "$OUT"/clashes/*; do
    [ -e "$old" ] || continue
    if [ ! -e "$stage/clashes/$(basename "$old")" ]; then
      rm -f "$old"
      changed+=("clashes/$(basename "$old") (removed)")
    fi
  done
fi
echo "$unchanged files unchanged, ${#changed[@]} changed"
for rel in "${changed[@]}"; do
  case "$rel" in
    *.png) echo "  $rel (a screenshot: Chromium may draw a pixel differently from one run to the next)" ;;
    *.svg) echo "  $rel (Graphviz output: it differs between Graphviz versions too)" ;;
    *) echo "  $rel" ;;
  esac
done
echo "done: see $OUT/"
