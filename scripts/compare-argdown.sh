#!/usr/bin/env bash
# counterpoint against the Argdown CLI on the same generated maps: CPU time (user + sys) and peak
# memory (maximum resident set size) of the whole process, the median of RUNS runs of each tool
# (5 unless set), and their ratios. The jobs compared:
#
#   counterpoint check MAP                        argdown MAP              (read and check)
#   counterpoint export --to json MAP -o OUT      argdown json MAP DIR     (JSON export)
#   counterpoint render --format dot MAP -o OUT   argdown map -f dot MAP DIR  (DOT export)
#
# Argdown's own check (its default command) parses and logs the parser's errors without building
# the model; counterpoint's builds the map and checks it: the `check` ratio is on Argdown's side.
# The maps are ternary support/attack trees made by ../shared/tools/gen_argdown_tree.py N; they
# and the framework below are generated once into ${CARGO_TARGET_DIR:-target}/bench-data/. The
# Argdown CLI is the one in tools/ (`cd tools && npm ci`); without it only counterpoint runs.
# Each counterpoint row also gives its peak memory as a multiple of the input's size, against
# the issue's bounds (at most 3x for `check`, 5x for the writers).
#
# With CRUSTABRI=/path/to/crustabri, grounded semantics is compared too on the framework of
# `gen_af.py er 1000000 10 --seed 5` (1,000,000 arguments, 5,000,000 attacks):
#   crustabri solve -p SE-GR -f FILE    against    counterpoint status --format iccma FILE
# and the two extensions are compared.
#
#   scripts/compare-argdown.sh                     # 10,000 and 100,000 nodes, 3 runs each
#   SIZES="20 100000" RUNS=3 scripts/compare-argdown.sh
#   BIN=/tmp/old/counterpoint scripts/compare-argdown.sh   # this binary, no build
#   CRUSTABRI=~/bin/crustabri AF_ARGS=1000000 scripts/compare-argdown.sh
#
# The machine's noise is in every figure: compare the ratios, and binaries in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-10000 100000}"
RUNS="${RUNS:-5}"
AF_ARGS="${AF_ARGS:-1000000}"
GEN_TREE=../shared/tools/gen_argdown_tree.py
GEN_AF=../shared/tools/gen_af.py
ARGDOWN=tools/node_modules/.bin/argdown

# Each run's CPU time (user + sys) and peak RSS, as `/usr/bin/time -f '%U %S %M'` gives them
# but to the microsecond (GNU time rounds to 10 ms, a tenth of a small map's time).
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time (/usr/bin/time)" >&2
    exit 2
fi
rusage="$(pwd)/scripts/rusage.py"
if [ ! -f "$GEN_TREE" ]; then
    echo "needs $GEN_TREE (the shared generator) and python3" >&2
    exit 2
fi
target="${CARGO_TARGET_DIR:-target}"
data="$target/bench-data"
mkdir -p "$data"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -n "${BIN:-}" ]; then
    bin="$BIN"
else
    cargo build --release --quiet
    bin="$target/release/counterpoint"
fi
# Absolute paths: each tool runs in a folder of its own.
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
if [ ! -x "$bin" ]; then
    echo "no binary at $bin" >&2
    exit 2
fi
bin="$(absolute "$bin")"
if [ -n "${CRUSTABRI:-}" ]; then
    if [ ! -x "$CRUSTABRI" ]; then
        echo "CRUSTABRI=$CRUSTABRI is not an executable file" >&2
        exit 2
    fi
    CRUSTABRI="$(absolute "$CRUSTABRI")"
fi
have_argdown=no
if [ -x "$ARGDOWN" ]; then
    have_argdown=yes
    argdown="$(absolute "$ARGDOWN")"
    argdown_version="$("$argdown" --version 2>/dev/null || echo '?')"
else
    echo "note: $ARGDOWN is absent (cd tools && npm ci): counterpoint alone" >&2
fi

# `measure NAME DIR CMD...`: runs CMD in DIR RUNS times; prints "CPU_SECONDS RSS_KB" (medians),
# or "failed EXIT_STATUS" (its messages are then in $work/NAME.err).
measure() {
    local name="$1" dir="$2"
    shift 2
    local k status
    : >"$work/$name.cpu"
    : >"$work/$name.rss"
    for k in $(seq "$RUNS"); do
        status=0
        (cd "$dir" && "$rusage" -o "$work/$name.time" -- "$@") \
            >"$work/$name.out" 2>"$work/$name.err" || status=$?
        if [ "$status" -ne 0 ]; then
            echo "failed $status"
            return
        fi
        awk '{ printf "%.4f\n", $1 + $2 }' "$work/$name.time" | tail -n 1 >>"$work/$name.cpu"
        awk '{ print $3 }' "$work/$name.time" | tail -n 1 >>"$work/$name.rss"
        rm -rf "$work/out" "$work/out.json" "$work/out.dot"
    done
    echo "$(sort -g "$work/$name.cpu" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" \
        "$(sort -g "$work/$name.rss" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
}

# The figures of one measure: "1.23 s  45.6 MB", or "failed (N)".
shown() {
    case "$1" in
    failed*) echo "failed (${1#failed })" ;;
    *) awk -v c="${1% *}" -v kb="${1#* }" 'BEGIN { printf "%.3f s %7.1f MB", c, kb / 1024 }' ;;
    esac
}

# `ratios OURS THEIRS`: "N.Nx faster  0.NNx memory", or nothing when either failed.
ratios() {
    case "$1 $2" in
    *failed*) echo "-" ;;
    *) awk -v oc="${1% *}" -v om="${1#* }" -v tc="${2% *}" -v tm="${2#* }" 'BEGIN {
        if (oc < 0.005 && tc < 0.005) speed = "n/a"
        else if (oc < 0.005) speed = sprintf(">%.0fx", tc / 0.005); else speed = sprintf("%.1fx", tc / oc)
        printf "%8s faster %6.3fx memory", speed, om / tm }' ;;
    esac
}

# `bound OURS INPUT_BYTES LIMIT BASE_KB`: "N.Nx input PASS|FAIL (<= LIMITx)": the peak over the
# input's size, judged less BASE_KB, the peak of the same job on a map of one statement (the
# program, its libraries and the code the job runs: the bound is on what the input costs).
bound() {
    case "$1" in
    failed*) echo "-" ;;
    *) awk -v kb="${1#* }" -v size="$2" -v limit="$3" -v base="$4" 'BEGIN {
        r = kb * 1024 / size
        over = (kb - base) * 1024 / size
        # Under 1 MB of input, the run-to-run noise of the peak (pages) outweighs the input.
        if (size < 1000000) verdict = "n/a"; else verdict = (over <= limit ? "PASS" : "FAIL")
        printf "%6.1fx input %s (<= %dx)", r, verdict, limit }' ;;
    esac
}

# `our_args JOB`: counterpoint's arguments for a job, on map.argdown in the current folder.
our_args() {
    case "$1" in
    check) echo "check map.argdown" ;;
    json) echo "export --to json map.argdown -o ../out.json" ;;
    dot) echo "render --format dot map.argdown -o ../out.dot" ;;
    esac
}

# `said MEASURE NAME`: what the command said, when it failed.
said() {
    case "$1" in
    failed*) echo "   ($2 said: $(head -c 400 "$work/$2.err" | tr '\n' ' '))" ;;
    esac
}

echo "counterpoint: $bin ($("$bin" --version 2>/dev/null || echo '?'))"
[ "$have_argdown" = yes ] && echo "Argdown CLI: $ARGDOWN $argdown_version"
# Each job on a map of one statement: the peak that is not the input's.
mkdir -p "$work/base"
echo '[A]: One statement.' >"$work/base/map.argdown"
declare -A base_kb
for job in check json dot; do
    base=$(measure "base-$job" "$work/base" "$bin" $(our_args "$job"))
    case "$base" in
    failed*)
        echo "$job on a one-statement map failed: $(cat "$work/base-$job.err")" >&2
        exit 2 ;;
    esac
    base_kb[$job]="${base#* }"
done
echo "CPU = user + sys seconds, memory = peak RSS; median of $RUNS runs each"
awk -v c="${base_kb[check]}" -v j="${base_kb[json]}" -v d="${base_kb[dot]}" 'BEGIN {
    printf "memory / input: peak RSS over the input size; PASS or FAIL judge it less the peak of\n"
    printf "the same job on a one-statement map (check %.1f MB, json %.1f MB, dot %.1f MB)\n",
        c / 1024, j / 1024, d / 1024 }'
for n in $SIZES; do
    map="$data/tree_$n.argdown"
    if [ ! -f "$map" ]; then
        python3 "$GEN_TREE" "$n" -o "$map.partial" >/dev/null
        mv "$map.partial" "$map"
    fi
    # Each tool runs in a folder of its own with its own copy's link: Argdown looks for a
    # configuration file in the current folder, and writes its output beside.
    mkdir -p "$work/run"
    ln -sf "$(absolute "$map")" "$work/run/map.argdown"
    size=$(stat -L -c %s "$map")
    echo
    awk -v n="$n" -v s="$size" 'BEGIN { printf "== %d-node map (%.1f MB)\n", n, s / 1e6 }'
    printf '%-8s %-20s %-28s' job counterpoint "memory / input"
    [ "$have_argdown" = yes ] && printf ' %-20s %s' "Argdown" "ratio (Argdown / counterpoint)"
    echo
    for job in check json dot; do
        ours=$(measure "cp-$job" "$work/run" "$bin" $(our_args "$job"))
        case "$job" in
        check)
            limit=3
            theirs_cmd=("$argdown" map.argdown) ;;
        json)
            limit=5
            theirs_cmd=("$argdown" json map.argdown ../out) ;;
        dot)
            limit=5
            theirs_cmd=("$argdown" map -f dot map.argdown ../out) ;;
        esac
        printf '%-8s %-20s %-28s' "$job" "$(shown "$ours")" \
            "$(bound "$ours" "$size" "$limit" "${base_kb[$job]}")"
        theirs=""
        if [ "$have_argdown" = yes ]; then
            theirs=$(measure "ad-$job" "$work/run" "${theirs_cmd[@]}")
            printf ' %-20s %s' "$(shown "$theirs")" "$(ratios "$ours" "$theirs")"
        fi
        echo
        said "$ours" "cp-$job"
        said "$theirs" "ad-$job"
    done
done
[ "$have_argdown" = yes ] && echo "(the issue's goal: >= 50x faster, <= 0.1x memory)"

if [ -n "${CRUSTABRI:-}" ]; then
    af="$data/er_${AF_ARGS}_k10_s5.af"
    if [ ! -f "$af" ]; then
        python3 "$GEN_AF" er "$AF_ARGS" 10 --seed 5 -o "$af.partial" >/dev/null
        mv "$af.partial" "$af"
    fi
    mkdir -p "$work/af"
    ln -sf "$(absolute "$af")" "$work/af/er.af"
    echo
    awk -v n="$AF_ARGS" -v s="$(stat -L -c %s "$af")" \
        'BEGIN { printf "== grounded: gen_af.py er %d 10 --seed 5 (%.1f MB)\n", n, s / 1e6 }'
    ours=$(measure cp-grounded "$work/af" "$bin" status --format iccma er.af)
    theirs=$(measure cr-grounded "$work/af" "$CRUSTABRI" solve -p SE-GR -f er.af)
    printf '%-34s %s\n' "counterpoint status --format iccma" "$(shown "$ours")"
    said "$ours" cp-grounded
    printf '%-34s %s\n' "crustabri solve -p SE-GR" "$(shown "$theirs")"
    said "$theirs" cr-grounded
    printf '%-34s %s\n' "ratio (crustabri / counterpoint)" "$(ratios "$ours" "$theirs")"
    case "$ours $theirs" in
    *failed*) ;;
    *)
        # The extensions as sorted lists of argument numbers, from the answer line `w ...`
        # (crustabri also logs lines of its own to standard output).
        for k in cp cr; do
            grep '^w' "$work/$k-grounded.out" | tr ' ' '\n' | grep -v '^w$' | grep . |
                sort -n >"$work/$k.ext" || true
        done
        if cmp -s "$work/cp.ext" "$work/cr.ext"; then
            echo "the same extension ($(wc -l <"$work/cp.ext") arguments)"
        else
            echo "the extensions DIFFER ($(wc -l <"$work/cp.ext") and $(wc -l <"$work/cr.ext") numbers)"
        fi ;;
    esac
fi
