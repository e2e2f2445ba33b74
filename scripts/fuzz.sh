#!/usr/bin/env bash
# Build and run every cargo-fuzz (libFuzzer) target for N executions each.
#
#   scripts/fuzz.sh [RUNS] [TARGET...]      RUNS defaults to 1000000 (libFuzzer -runs=)
#
# Env: CARGO_TARGET_DIR (default ~/.cache/replab/target-fuzz), FUZZ_NICE (default 15),
#      FUZZ_TIMEOUT (seconds per input before it counts as a hang, default 10),
#      FUZZ_MAX_LEN (libFuzzer -max_len, default 16384).
# Limits: -rss_limit_mb=2048 -malloc_limit_mb=600 (the parsers cap decoded files at 512 MB, so
# any single allocation above 600 MB, or a 2 GB process, is reported as a crash).
# The committed seeds in fuzz/corpus/<target>/ are read only; what a run finds is kept in
# fuzz/corpus-work/<target>/ (git-ignored) so reruns continue from it and the tree stays clean.
# Crashes land in fuzz/artifacts/<target>/. Exits non-zero if any target crashed, hung or hit a
# limit (the other targets still run).
set -uo pipefail

cd "$(dirname "$0")/.."
RUNS="${1:-1000000}"
shift $(( $# > 0 ? 1 : 0 ))
ALL=(idx cifar cifar_archive gzip user_files url_state safetensors_import model_card)
TARGETS=("${@:-${ALL[@]}}")
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/replab/target-fuzz}"
NICE="${FUZZ_NICE:-15}"
LIMITS=(-rss_limit_mb=2048 -malloc_limit_mb=600 "-timeout=${FUZZ_TIMEOUT:-10}" "-max_len=${FUZZ_MAX_LEN:-16384}")

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz missing: cargo install cargo-fuzz" >&2; exit 2; }

echo "== build (nightly, ASan, debug assertions) -> $CARGO_TARGET_DIR"
(cd fuzz && nice -n "$NICE" cargo +nightly fuzz build --debug-assertions) || exit 2

LOGDIR="$CARGO_TARGET_DIR/fuzz-logs"
mkdir -p "$LOGDIR"
failed=0
summary=()
for t in "${TARGETS[@]}"; do
  work="fuzz/corpus-work/$t"
  mkdir -p "$work" "fuzz/artifacts/$t" "fuzz/corpus/$t"
  log="$LOGDIR/$t.log"
  echo "== $t: $RUNS runs (log: $log)"
  start=$(date +%s.%N)
  (cd fuzz && nice -n "$NICE" cargo +nightly fuzz run --debug-assertions "$t" \
      "corpus-work/$t" "corpus/$t" -- \
      -runs="$RUNS" "${LIMITS[@]}" -print_final_stats=1 -artifact_prefix="artifacts/$t/") >"$log" 2>&1
  rc=$?
  end=$(date +%s.%N)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  execs=${execs:-0}
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  rate=$(awk -v n="$execs" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  units=$(ls "$work" | wc -l)
  status=ok
  if [ $rc -ne 0 ]; then
    status="FAILED (rc $rc)"
    failed=1
    grep -E 'ERROR: libFuzzer|panicked|SUMMARY|Test unit written' "$log" | head -5
  fi
  line=$(printf '%-11s execs %10s  time %7ss  exec/s %8s  corpus %5s  %s' "$t" "$execs" "$secs" "$rate" "$units" "$status")
  echo "$line"
  summary+=("$line")
done
echo "== summary (runs=$RUNS)"
printf '%s\n' "${summary[@]}"
exit $failed
