#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS each (default 30), one after the other, on
# its committed seed corpus (fuzz/corpus/<target>/, only read: new inputs go to a scratch
# folder), and fails on the first crash, panic, timeout or out-of-memory. Prints executions and
# coverage per target. Needs a nightly toolchain; installs cargo-fuzz when it is missing.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# The random seed is fixed (FUZZ_SEED, default 1) and FUZZ_RUNS, when set, stops each target
# after that many inputs: with both, a run explores the same inputs on every machine fast enough
# to finish within SECONDS, so CI's verdict does not depend on luck.
#
# A crash leaves its input in fuzz/artifacts/<target>/; reproduce it with
#   cargo +nightly fuzz run -s none -a <target> fuzz/artifacts/<target>/<file>
set -euo pipefail

seconds=${1:-30}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.."

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# The crate is safe Rust: no sanitizer, but debug assertions (overflow checks) on.
flags=(-s none -a)
cargo +nightly fuzz build "${flags[@]}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
summary=()
failed=()
for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target" "fuzz/corpus/$target"
  log="$scratch/$target.log"
  echo "== $target (${seconds}s)"
  status=0
  cargo +nightly fuzz run "${flags[@]}" "$target" "$scratch/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} \
    -max_len=16384 -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  line="$target: ${runs:-?} executions, ${cov:-no coverage line}"
  if [ "$status" -ne 0 ]; then
    line="$line, FAILED (exit $status)"
    failed+=("$target")
    # What libFuzzer and the panic said, and where the input was saved.
    grep -A15 "panicked" "$log" | grep -v "^ *[0-9]*: \|^ *at " | head -30 || true
    grep -E "Test unit written|ERROR: libFuzzer" "$log" | head -5 || true
    tail -40 "$log"
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "== fuzzing summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashed: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
