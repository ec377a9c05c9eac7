#!/usr/bin/env bash
# The main job: check the Alliance–UTLA debate in arguments/ and regenerate everything under docs/
# (diagram as DOT and SVG, unanswered points, statuses and strengths, clashes, prep briefs per camp,
# the HTML report and its screenshot).
#
#   scripts/debate.sh            # sources in ../shared/sources, output in docs/
#   SOURCES=DIR OUT=DIR scripts/debate.sh
#
# DOT, Markdown and JSON outputs are deterministic (a test checks docs/debate.dot is current);
# SVG and PNG come from Graphviz and Chromium and may differ between their versions.
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

echo "== diagram"
run render arguments/ -o "$OUT/debate.dot"
if command -v dot >/dev/null 2>&1; then
  run render arguments/ --format svg -o "$OUT/debate.svg"
  # The whole debate at a glance: a force-directed layout keeps each side's points together.
  run render arguments/ --layout sfdp --group-by none --format svg -o "$OUT/debate-overview.svg"
  # A readable close-up for the README: Alliance's thesis and everything within two relations of it.
  run render arguments/ --focus "Alliance teachers are better off independent" --depth 2 \
    --format svg -o "$OUT/debate-thesis.svg"
else
  echo "note: Graphviz 'dot' is not installed (apt-get install graphviz): SVG, report and screenshot skipped"
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
  run report arguments/ -o "$OUT/report.html"
  browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  if [ -n "$browser" ]; then
    profile=$(mktemp -d)
    "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
      --hide-scrollbars --window-size=1600,1000 --virtual-time-budget=5000 \
      --screenshot="$OUT/report.png" \
      "file://$PWD/$OUT/report.html#s-alliance-teachers-are-better-off" 2>/dev/null
    rm -rf "$profile"
  else
    echo "note: no Chromium (apt-get install chromium): report screenshot skipped"
  fi
fi
echo "done: see $OUT/"
