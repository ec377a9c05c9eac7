#!/usr/bin/env bash
# Peak memory (maximum resident set size, from `/usr/bin/time -v`) of `check`, `export --to json`
# and `render --format dot` on a large map, and its ratio to the map's size in bytes. The issue's
# bar: no input makes memory grow faster than about 10x the input.
#
#   scripts/memory.sh               # a generated tree of 100,000 nodes (about 10 MB)
#   N=1000000 scripts/memory.sh     # a bigger tree
#   scripts/memory.sh MAP.argdown   # any map
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time (/usr/bin/time)" >&2
    exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
map="${1:-}"
if [ -z "$map" ]; then
    map="$work/tree.argdown"
    # A tree of N nodes, three children each, written depth first: statements and arguments in
    # turn, supports and attacks in turn, ten words of text each.
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
cargo build --release --quiet
bin=target/release/counterpoint
size=$(stat -c %s "$map")
printf '%-28s %12s %8s\n' "input $(basename "$map")" "$size B" ""
measure() {
    local what="$1"
    shift
    /usr/bin/time -v "$bin" "$@" >/dev/null 2>"$work/time" || true
    local kb
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    awk -v w="$what" -v kb="$kb" -v size="$size" \
        'BEGIN { printf "%-28s %9.1f MB %7.1fx\n", w, kb / 1024, kb * 1024 / size }'
}
measure "check" check "$map"
measure "export --to json" export --to json "$map" -o "$work/out.json"
measure "render --format dot" render --format dot "$map" -o "$work/out.dot"
