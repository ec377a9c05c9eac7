#!/usr/bin/env bash
# Rebuilds the seed corpora in fuzz/corpus/<target>/ from the fixtures under tests/ (and the
# exports of them the CLI writes). Run from the repository root after `cargo build`.
# The structure-aware targets (*_structured) keep the small corpus found by fuzzing instead.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_bin=target/debug/counterpoint
t=tests/integration
c=fuzz/corpus
for d in argdown json aif kialo apx tgf i23 roundtrip; do rm -rf "$c/$d"; mkdir -p "$c/$d"; done

# Argdown: single files, and the multi-file fixtures joined with 0xFF (the target splits there).
for f in $t/conformance/*.argdown $t/check/*.argdown $t/formats/argdown/*.argdown \
         $t/render/four-day-week.argdown $t/analysis/four-day.argdown; do
  cp "$f" "$c/argdown/$(basename "$(dirname "$f")")-$(basename "$f")"
done
join() { local first=1; for f in "$@"; do [ $first = 1 ] || printf '\377'; first=0; cat "$f"; done; }
join $t/formats/multi/*.argdown > "$c/argdown/multi"
join $t/check/e009/*.argdown > "$c/argdown/e009"

# JSON, AIF (the fixture and the AIF exports of the JSON fixtures), Kialo, ICCMA.
for f in $t/export/small.json $t/render/four-day-week.json $t/render/hostile.json; do
  cp "$f" "$c/json/$(basename "$(dirname "$f")")-$(basename "$f")"
  $cp_bin export --to aif "$f" > "$c/aif/$(basename "$(dirname "$f")")-$(basename "$f")"
  $cp_bin export --to apx "$f" > "$c/apx/$(basename "$(dirname "$f")")-$(basename "$f" .json).apx"
  $cp_bin export --to i23 "$f" > "$c/i23/$(basename "$(dirname "$f")")-$(basename "$f" .json).i23"
done
cp $t/formats/hostile.json "$c/json/formats-hostile.json"
cp $t/formats/aif/ova3.json "$c/aif/"
cp $t/formats/kialo/*.txt "$c/kialo/"
cp $t/analysis/odd-cycle.apx "$c/apx/"
cp $t/analysis/chain.tgf "$c/tgf/"
printf '1 first\n2 second\n3\n#\n1 2\n2 3\n3 1\n' > "$c/tgf/labels.tgf"
cp $t/analysis/bad.af "$c/i23/"

# Round trip: the first byte picks the format (0 Argdown, 1 JSON, 2 AIF, 3 Kialo, 4 apx,
# 5 tgf, 6 i23).
n=0
for spec in "0 argdown" "1 json" "2 aif" "3 kialo" "4 apx" "5 tgf" "6 i23"; do
  set -- $spec
  for f in "$c/$2"/*; do
    n=$((n + 1))
    { printf "\\$(printf '%03o' "$1")"; cat "$f"; } > "$c/roundtrip/$2-$(basename "$f")"
  done
done
