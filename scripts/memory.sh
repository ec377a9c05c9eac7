#!/usr/bin/env bash
# Peak memory (maximum resident set size, from `/usr/bin/time -v`) of `check`, `export --to json`
# and `render --format dot` on a large map, and its ratio to the map's size in bytes, judged
# against the bounds (PASS or FAIL): at most 3x the input for `check`, 5x for the writers, not
# counting what the program takes whatever the input (the peak of the same job on a map of one
# statement). Exits with status 1 when one fails.
#
#   scripts/memory.sh               # a generated tree of 100,000 nodes (about 10 MB)
#   N=1000000 scripts/memory.sh     # a bigger tree
#   scripts/memory.sh MAP.argdown   # any map
#   BIN=/tmp/old/counterpoint scripts/memory.sh   # this binary, no build
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time (/usr/bin/time)" >&2
    exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
map="${1:-}"
if [ -z "$map" ] && [ -f ../shared/tools/gen_argdown_tree.py ]; then
    # The issue's maps: the shared generator's ternary support/attack tree.
    map="$work/tree.argdown"
    python3 ../shared/tools/gen_argdown_tree.py "${N:-100000}" -o "$map" >/dev/null
elif [ -z "$map" ]; then
    map="$work/tree.argdown"
    # Without ../shared: a tree of N nodes, three children each, written depth first: statements
    # and arguments in turn, supports and attacks in turn, ten words of text each.
    python3 - "${N:-100000}" "$map" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
words = "tax bus school week study cost health paper vote route grant staff fund year".split()
seed = 7
def text():
    global seed
    out = []
    for _ in range(10):
        seed = (seed * 1103515245 + 12345) % 2**31
        out.append(words[seed % len(words)])
    return " ".join(out).capitalize() + "."
with open(path, "w") as f:
    f.write("# A generated tree\n\n")
    stack = [(0, 0)]
    while stack:
        i, depth = stack.pop()
        name = f"[S{i}]" if depth % 2 == 0 else f"<A{i}>"
        mark = "" if depth == 0 else ("+ " if i % 3 else "- ")
        f.write("  " * depth + mark + f"{name}: {text()}\n")
        children = [3 * i + k for k in (1, 2, 3) if 3 * i + k < n]
        stack.extend((c, depth + 1) for c in reversed(children))
PY
fi
if [ -n "${BIN:-}" ]; then
    bin="$BIN"
else
    cargo build --release --quiet
    bin="${CARGO_TARGET_DIR:-target}/release/counterpoint"
fi
size=$(stat -c %s "$map")
# The peak RSS in KB of a run of the binary with these arguments.
peak() {
    /usr/bin/time -v "$bin" "$@" >/dev/null 2>"$work/time" || true
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time"
}
# A map of one statement: each job's peak on it is what the program takes whatever the input.
echo '[A]: One statement.' >"$work/one.argdown"
printf '%-28s %12s\n' "input $(basename "$map")" "$size B"
failed=0
measure() {
    local what="$1" limit="$2"
    shift 2
    local kb base
    kb=$(peak "$@" "$map")
    base=$(peak "$@" "$work/one.argdown")
    awk -v w="$what" -v kb="$kb" -v size="$size" -v base="$base" -v limit="$limit" 'BEGIN {
        over = (kb - base) * 1024 / size
        printf "%-22s %7.1f MB %5.1fx input; less its %.1f MB on one statement %4.1fx: %s (<= %dx)\n",
            w, kb / 1024, kb * 1024 / size, base / 1024, over, (over <= limit ? "PASS" : "FAIL"), limit
        exit (over <= limit ? 0 : 1) }' || failed=1
}
measure "check" 3 check
measure "export --to json" 5 export --to json -o "$work/out.json"
measure "render --format dot" 5 render --format dot -o "$work/out.dot"
exit "$failed"
