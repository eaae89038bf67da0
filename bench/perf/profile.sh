#!/usr/bin/env bash
# Where `embargo screen` spends its instructions: callgrind over the screen
# phase only (collection on inside Screener::Search() and the row parsing
# and output formatting around it, so list loading and the
# index build are not counted; toggling on ScreenCsv itself would be undone
# by its worker lambda, whose name matches too), one thread, on the first
# --rows customer rows of the e2e sample. Prints the top functions by self
# and by inclusive instruction count (docs/performance.md, "Profile").
#
#   bench/perf/profile.sh [--rows N] [--customers FILE] [--build DIR]
#                         [--no-build]  (use the binary already in --build)
# The Release binary keeps its symbols, so functions are named (no lines).
# Slow under valgrind (list loading runs ~50x slower): about 5 minutes with
# the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ROWS=500 BUILD=build/perf CUSTOMERS="" BUILD_STEP=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift ;;
    --customers) CUSTOMERS=$2; shift ;;
    --build) BUILD=$2; shift ;;
    --no-build) BUILD_STEP=0 ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
  shift
done
OUT=$ROOT/$BUILD/profile
mkdir -p "$OUT"
if [ "$BUILD_STEP" = 1 ]; then
  cmake -S bench/perf -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j2 --target embargo >/dev/null
fi
if [ -z "$CUSTOMERS" ]; then
  CUSTOMERS=$OUT/customers.csv
  [ -s "$CUSTOMERS" ] || /usr/bin/python3 bench/perf/gen_customers.py --rows 100000 \
    --out "$CUSTOMERS" --sidecar "$OUT/customers.planted.tsv"
fi
head -n $((ROWS + 1)) "$CUSTOMERS" >"$OUT/rows.csv"
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
  --toggle-collect='embargo::Screener::Search(*' \
  --toggle-collect='embargo::(anonymous namespace)::ParseRow(*' \
  --toggle-collect='embargo::(anonymous namespace)::AppendRow(*' \
  "$BUILD/embargo/apps/cli/embargo" screen "$OUT/rows.csv" \
  --lists-from config/default-lists.conf --threads 1 --format jsonl \
  --out "$OUT/rows.jsonl" 2>"$OUT/valgrind.log" || true
callgrind_annotate --inclusive=no "$OUT/callgrind.out" >"$OUT/self.txt"
callgrind_annotate --inclusive=yes "$OUT/callgrind.out" >"$OUT/inclusive.txt"
echo "# self (exclusive) instructions, top 30"
grep -m1 "PROGRAM TOTALS" "$OUT/self.txt"
awk '/^-+$/ { n++ } n >= 3 && NF' "$OUT/self.txt" | sed -n 1,32p
echo "# inclusive instructions, top 30"
awk '/^-+$/ { n++ } n >= 3 && NF' "$OUT/inclusive.txt" | sed -n 1,32p
