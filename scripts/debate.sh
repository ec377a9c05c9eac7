#!/usr/bin/env bash
# The main job: check the Alliance–UTLA debate in arguments/ and regenerate everything under docs/
# (the one-screen overview of topics × camps, one diagram per clash, the full diagram as DOT and
# SVG, unanswered points, statuses and strengths, clashes, prep briefs per camp, the HTML report
# and its four screenshots).
#
#   scripts/debate.sh            # sources in ../shared/sources, output in docs/
#   SOURCES=DIR OUT=DIR scripts/debate.sh
#
# DOT, Markdown, JSON and the overview SVG are deterministic (tests check docs/debate-full.dot,
# docs/overview.* and the names in docs/clashes/ are current); the other SVGs and the PNGs come
# from Graphviz and Chromium and may differ between their versions. Every SVG but
# docs/debate-full.svg must stay legible fitted to 1920x1080 (tests/integration/pictures.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCES="${SOURCES:-../shared/sources}"
OUT="${OUT:-docs}"
mkdir -p "$OUT"

cargo build --release --quiet
cp_bin=target/release/counterpoint
run() { "$cp_bin" "$@"; }

echo "== check (with citations against $SOURCES)"
if [ -d "$SOURCES" ]; then
  run check --sources "$SOURCES" arguments/
  echo "== coverage"
  run coverage --sources "$SOURCES" arguments/ | tee "$OUT/coverage.txt"
else
  echo "note: $SOURCES is absent; citations are not checked against the source texts"
  run check arguments/
fi

echo "== overview: topics x camps, on one screen"
run overview arguments/ -o "$OUT/overview.svg"
run overview arguments/ --format markdown -o "$OUT/overview.md"

echo "== diagrams"
# The full layered diagram, for completeness (far wider than a screen).
run render arguments/ -o "$OUT/debate-full.dot"
rm -f "$OUT/debate.dot" "$OUT/debate.svg" "$OUT/debate-overview.svg" "$OUT/debate-thesis.svg"
if command -v dot >/dev/null 2>&1; then
  run render arguments/ --format svg -o "$OUT/debate-full.svg"
  # One diagram per clash, each fitting a screen: docs/clashes/01-....svg, most important first.
  rm -rf "$OUT/clashes"
  mkdir -p "$OUT/clashes"
  run clash-diagrams arguments/ -o "$OUT/clashes" >/dev/null
else
  echo "note: Graphviz 'dot' is not installed (apt-get install graphviz): SVG, report and screenshots skipped"
fi

echo "== unanswered points (contentions first, then evidence leaves)"
run unanswered arguments/ --all --format markdown > "$OUT/unanswered.md"

echo "== status: grounded verdicts with their reasons and hinges, and DF-QuAD strengths"
run status arguments/ > "$OUT/status.txt"
run status arguments/ --semantics dfquad > "$OUT/strength.txt"

echo "== clashes"
run clashes arguments/ --format markdown > "$OUT/clashes.md"

echo "== prep briefs, one per camp of the motion"
for camp in for against; do
  run prep arguments/ --camp "$camp" --format markdown > "$OUT/prep-$camp.md"
done

if command -v dot >/dev/null 2>&1; then
  echo "== report"
  # With the sources, the detail panel quotes each citation's lines in context (a report
  # without --sources, from before it was added, is written without them).
  if [ -d "$SOURCES" ] && "$cp_bin" report --help | grep -q -- '--sources'; then
    run report arguments/ --sources "$SOURCES" -o "$OUT/report.html"
  else
    run report arguments/ -o "$OUT/report.html"
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
        --screenshot="$OUT/$1" "file://$PWD/$OUT/report.html$2" 2>/dev/null
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
echo "done: see $OUT/"
