#!/usr/bin/env bash
# `embargo screen` timed for binaries compared in turn, on one customer
# file: each binary builds its own snapshot of the default lists (a
# snapshot is refused by a binary with other index code), then the
# binaries run one after another, ROUNDS times, each round starting with
# the next binary, so that the machine's drift (a fifth within an hour on
# some machines: docs/performance.md, "Machine") falls on all of them
# alike. Prints each run, each binary's
# medians, and whether every binary wrote the same output as the first
# (exit 1 when one did not).
#
#   bench/perf/paired.sh CUSTOMERS.csv BIN [BIN...]
#   env: ROUNDS (3), THREADS (2), EXTRA (more `embargo screen` flags,
#        e.g. "--threshold 0 --limit 10")
# CUSTOMERS.csv: e.g. bench/perf/gen_customers.py --rows 1000000 --out F.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
# shellcheck source=bench/snapshot.sh
source bench/snapshot.sh
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
EXTRA=${EXTRA:-}
[ $# -ge 2 ] || { echo "usage: bench/perf/paired.sh CUSTOMERS.csv BIN [BIN...]" >&2; exit 2; }
CUST=$(realpath "$1")
shift
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

i=0
for bin in "$@"; do
  snapshot_of "$bin" "$WORK/$i.idx"
  i=$((i + 1))
done

BINS=("$@")
for round in $(seq 1 "$ROUNDS"); do
  # Each round starts with the next binary: the place in a round can
  # matter by 5-10% (bench/server/cpu.sh showed it), and must fall on all.
  for k in $(seq 0 $(($# - 1))); do
    i=$(((k + round - 1) % $#))
    bin=${BINS[$i]}
    # `screen` exits 1 when it finds hits.
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$bin" screen "$CUST" \
      --index "$WORK/$i.idx" --threads "$THREADS" --out "$WORK/$i.out" \
      $EXTRA >/dev/null 2>&1 || [ $? -eq 1 ]
    # The last line: time(1) writes a line of its own before it on exit 1.
    read -r wall user sys < <(tail -n 1 "$WORK/time")
    echo "round $round $bin: $wall s wall, $user s user, $sys s sys"
  done
done | tee "$WORK/runs"

python3 "$ROOT/bench/medians.py" "$WORK/runs"
same=1 i=0
for bin in "$@"; do
  if ! cmp -s "$WORK/0.out" "$WORK/$i.out"; then
    echo "$bin: output differs from $1's"
    same=0
  fi
  i=$((i + 1))
done
if [ "$same" = 1 ]; then echo "every binary wrote the same output"; else exit 1; fi
