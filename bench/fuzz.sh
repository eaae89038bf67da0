#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, in the `asan-ubsan` preset's tree:
# clang, ASan + UBSan, the tree scripts/check's asan stage tests in),
# builds their seed corpora from ../shared/data excerpts and the tests'
# fixtures, runs each harness in turn and prints a summary table, also
# written to build/fuzz/summary.tsv.
#
#   bench/fuzz.sh --smoke 20            # CI: 20 s per harness, fails on a crash
#   bench/fuzz.sh --minutes 10 normalize server
#
# Harnesses run one at a time under `nice -n 19`. The working corpus of each
# harness grows in build/fuzz/corpus/<harness> across runs; crashing inputs
# land in build/fuzz/crashes/<harness>/ and libFuzzer's output in
# build/fuzz/logs/<harness>.log. Exit status: 0 when no harness crashed,
# 1 when one did (or timed out, or ran out of memory), 2 on a usage or build
# error. Environment: EMBARGO_SHARED_DATA (default ../shared/data),
# FUZZ_JOBS (build parallelism, default 2).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

usage() {
  echo "usage: bench/fuzz.sh [--smoke SECONDS | --minutes N] [harness...]" >&2
  exit 2
}

seconds=20
mode=smoke
harnesses=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) [ $# -ge 2 ] || usage; seconds="$2"; mode=smoke; shift 2 ;;
    --minutes) [ $# -ge 2 ] || usage; seconds=$(( $2 * 60 )); mode=long; shift 2 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) harnesses+=("$1"); shift ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage

all=()
for f in fuzz/fuzz_*.cc; do
  h="$(basename "$f" .cc)"
  all+=("${h#fuzz_}")
done
if [ ${#harnesses[@]} -eq 0 ]; then harnesses=("${all[@]}"); fi
for h in "${harnesses[@]}"; do
  if [ ! -f "fuzz/fuzz_$h.cc" ]; then
    echo "unknown harness '$h' (have: ${all[*]})" >&2
    exit 2
  fi
done

scripts/deps.sh
OUT="$ROOT/build/fuzz"
BIN="$ROOT/build/asan-ubsan/fuzz"
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j"${FUZZ_JOBS:-2}" --target "${targets[@]}"

DATA="${EMBARGO_SHARED_DATA:-$ROOT/../shared/data}"
rm -rf "$OUT/seeds" "$OUT/dict"
python3 fuzz/make_seeds.py "$ROOT" "$DATA" "$OUT" >/dev/null
# Snapshots are only valid for the code that wrote them: the harness writes
# its own seeds.
for h in "${harnesses[@]}"; do
  if [ "$h" = snapshot ]; then
    EMBARGO_FUZZ_WRITE_SEEDS="$OUT/seeds/snapshot" "$BIN/fuzz_snapshot"
  fi
done

# The sanitizers stop at the first report (the preset already compiles with
# -fno-sanitize-recover=all); libFuzzer turns every abort into a crash file.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

mkdir -p "$OUT/logs" "$OUT/corpus" "$OUT/crashes"
summary="$OUT/summary.tsv"
printf 'harness\tseconds\texecutions\texec_per_s\tcov\tft\tcorpus\tcrashes\tresult\n' >"$summary"
failed=0
for h in "${harnesses[@]}"; do
  corpus="$OUT/corpus/$h"
  crashes="$OUT/crashes/$h"
  log="$OUT/logs/$h.log"
  mkdir -p "$corpus" "$crashes"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560
        -print_final_stats=1 -artifact_prefix="$crashes/")
  [ -f "$OUT/dict/$h.dict" ] && args+=(-dict="$OUT/dict/$h.dict")
  # Longer inputs buy nothing here: the kernels cut strings at 64 bytes,
  # and a name is short.
  case "$h" in
    similarity) args+=(-max_len=140) ;;
    normalize) args+=(-max_len=512) ;;
  esac
  seed_dir="$OUT/seeds/$h"
  [ -d "$seed_dir" ] || seed_dir=""
  echo "== fuzz_$h: ${seconds}s" >&2
  before=$(find "$crashes" -type f | wc -l)
  start=$(date +%s)
  status=0
  # shellcheck disable=SC2086  # seed_dir is empty or one path
  nice -n 19 "$BIN/fuzz_$h" "${args[@]}" "$corpus" $seed_dir >"$log" 2>&1 &
  pid=$!
  wait "$pid" || status=$?
  # The harness's scratch folder (fuzz/fuzz_util.h) outlives a crash.
  rm -rf "/dev/shm/embargo-fuzz-$pid" "${TMPDIR:-/tmp}/embargo-fuzz-$pid"
  elapsed=$(( $(date +%s) - start ))
  after=$(find "$crashes" -type f | wc -l)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # The last progress line holds the final coverage: "#N ... cov: C ft: F ...".
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  units=$(find "$corpus" -type f | wc -l)
  new_crashes=$(( after - before ))
  result=ok
  if [ "$status" -ne 0 ] || [ "$new_crashes" -gt 0 ]; then
    result="FAILED (exit $status; see $log)"
    failed=1
    [ "$new_crashes" -gt 0 ] || new_crashes=1
  fi
  execs="${execs:-0}"
  rate=$(( elapsed > 0 ? execs / elapsed : execs ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$h" "$elapsed" "$execs" \
    "$rate" "${cov:-?}" "${ft:-?}" "$units" "$new_crashes" "$result" >>"$summary"
done

column -t -s $'\t' "$summary"
echo "summary: $summary ($mode, ${seconds}s per harness)"
exit "$failed"
