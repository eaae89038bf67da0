#!/usr/bin/env bash
# Reproduces docs/quality.md, docs/quality_pr.png and docs/quality_sweep.csv:
# builds embargo_quality (release), runs every evaluation set of tests/eval
# against the default lists, and writes the tables and the plot.
#
# Usage: bench/quality/run.sh [extra embargo_quality flags]
# Environment:
#   BUILD_DIR  build folder (default build/quality)
#   DATA       the shared data folder (default ../shared/data)
#   THREADS    search threads (default 2)
#   NOTE       a sentence added to the top of docs/quality.md
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR="${BUILD_DIR:-build/quality}"
DATA="${DATA:-../shared/data}"
THREADS="${THREADS:-2}"

bench/deps.sh
# Warnings are CI's business (scripts/test builds with -Werror); a compiler's
# false positive must not stop a measurement.
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DEMBARGO_BUILD_BENCH=ON -DEMBARGO_BUILD_TESTS=OFF -DEMBARGO_WERROR=OFF \
  >/dev/null
cmake --build "$BUILD_DIR" --target embargo_quality -j"$THREADS"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
args=(--lists-from config/default-lists.conf --data "$DATA"
      --threads "$THREADS" --sample 500 --netranslit-sample 2000
      --exhaustive-sample 300 --exhaustive-sample-large 50
      --threshold 0.80 --limit 20
      --markdown "$tmp/tables.md" --sweep docs/quality_sweep.csv "$@")
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
t0=$(date +%s)
"$BUILD_DIR/bench/embargo_quality" "${args[@]}" | tee "$tmp/summary.txt"
t1=$(date +%s)

# The per-set recall columns of the sweep.
sets=$(head -1 docs/quality_sweep.csv | tr ',' '\n' |
       awk '/^recall_/ {printf "%d ", NR}')
gnuplot -e "csv='docs/quality_sweep.csv'; out='docs/quality_pr.png'; sets='$sets'" \
  bench/quality/plot.gp

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain 2>/dev/null | grep -v '^??' || true)" ]; then
  commit="$commit plus uncommitted changes"
fi
cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
mem="$(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}')"
os="$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
cxx="$(c++ --version 2>/dev/null | head -1)"

{
  echo "# Matching quality"
  echo
  echo "Measured ${started} at commit ${commit}, in $((t1 - t0)) s."
  if [ -n "${NOTE:-}" ]; then
    echo
    echo "$NOTE"
  fi
  echo
  echo "## Reproduce"
  echo
  echo '```'
  echo "bench/quality/run.sh"
  echo '```'
  echo
  echo "It builds \`embargo_quality\` in release mode (\`$BUILD_DIR\`), then runs:"
  echo
  echo '```'
  # One flag (and its value) per line.
  line="$BUILD_DIR/bench/embargo_quality"
  for a in "${args[@]}"; do
    [ "$a" = "$tmp/tables.md" ] && a=TABLES.md
    if [[ "$a" == --* ]]; then
      echo "$line \\"
      line="  $a"
    else
      line="$line $a"
    fi
  done
  echo "$line"
  echo '```'
  echo
  echo "and draws \`docs/quality_pr.png\` from \`docs/quality_sweep.csv\` with"
  echo "\`bench/quality/plot.gp\` (gnuplot; \`bench/deps.sh\` installs it)."
  echo "Every set is built from the shared data with fixed seeds"
  echo "(\`tests/eval/\`); \`tests/quality_eval_test.cc\` checks, on a smaller"
  echo "corpus, that the index finds what the exhaustive scan finds."
  echo
  echo "## Machine"
  echo
  echo "- CPU: ${cpu:-unknown}, $(nproc) cores available, ${THREADS} search threads"
  echo "- Memory: ${mem:-unknown}"
  echo "- OS: ${os:-unknown}; compiler: ${cxx:-unknown}"
  echo
  cat "$tmp/tables.md"
} > docs/quality.md
echo "wrote docs/quality.md, docs/quality_pr.png, docs/quality_sweep.csv" >&2
